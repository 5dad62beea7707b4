package dev.handoff.trigger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the review triggers in {@code triggers.json} are evaluated.
 *
 * @param interval between two evaluations; zero turns triggers off
 */
@ConfigurationProperties("handoff.triggers")
public record TriggerProperties(@DefaultValue("30s") Duration interval) {
}
