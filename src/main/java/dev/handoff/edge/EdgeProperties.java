package dev.handoff.edge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How edges treat a sender's retries.
 *
 * @param idempotencyWindow how long the first answer to an {@code Idempotency-Key} or {@code webhook-id} is kept
 */
@ConfigurationProperties("handoff.edges")
public record EdgeProperties(@DefaultValue("24h") Duration idempotencyWindow) {
}
