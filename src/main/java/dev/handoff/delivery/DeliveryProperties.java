package dev.handoff.delivery;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How accepted messages are sent to the next tool.
 *
 * @param enabled false stops sending (messages stay in the outbox), e.g. for maintenance of a tool
 * @param pollInterval how often the outbox is looked at when nothing new was accepted
 * @param batchSize how many due rows one pass takes
 * @param maxAttempts attempts before a message is dead-lettered to the rejected queue (rule {@code delivery})
 * @param firstBackoff the wait after the first failed attempt; it doubles (with jitter) up to maxBackoff
 * @param maxBackoff the longest wait between attempts
 * @param connectTimeout how long to wait for a connection to the tool
 * @param requestTimeout how long to wait for the tool's answer
 */
@Validated
@ConfigurationProperties("handoff.delivery")
public record DeliveryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("50") @Min(1) int batchSize, @DefaultValue("5") @Min(1) int maxAttempts,
		@DefaultValue("1s") Duration firstBackoff, @DefaultValue("5m") Duration maxBackoff,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration requestTimeout) {
}
