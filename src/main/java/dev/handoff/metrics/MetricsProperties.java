package dev.handoff.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the metrics read from the database are kept.
 *
 * @param refresh how often the outbox, the open rejects and the truth are counted for the
 * gauges; zero stops it
 * @param campaignTags true adds {@code handoff.truth.version} tagged by campaign: one
 * series per campaign, so off by default
 */
@Validated
@ConfigurationProperties("handoff.metrics")
public record MetricsProperties(@DefaultValue("10s") Duration refresh, @DefaultValue("false") boolean campaignTags) {
}
