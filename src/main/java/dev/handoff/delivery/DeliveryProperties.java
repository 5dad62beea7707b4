package dev.handoff.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
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
 * @param concurrency how many sends may be in flight at once
 * @param retryWaits the waits after each failed attempt; after the last, the message becomes a {@code delivery} reject
 * @param edges per edge, other retry waits (e.g. shorter ones for tracking events)
 * @param connectTimeout how long to wait for a connection to the tool
 * @param requestTimeout how long to wait for the tool's answer
 * @param privateTargets {@code allow} lets deliveries go to loopback, private and link-local addresses
 */
@Validated
@ConfigurationProperties("handoff.delivery")
public record DeliveryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("50") @Min(1) int batchSize, @DefaultValue("4") @Min(1) @Max(64) int concurrency,
		@DefaultValue({ "5s", "5m", "30m", "2h", "5h", "10h" }) List<Duration> retryWaits, @DefaultValue Map<String, Edge> edges,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration requestTimeout,
		@DefaultValue("refuse") PrivateTargets privateTargets) {

	/** Whether a tool may live at a loopback, private or link-local address. */
	public enum PrivateTargets {
		refuse, allow
	}

	public boolean allowsPrivateTargets() {
		return privateTargets == PrivateTargets.allow;
	}

	/**
	 * Delivery settings of one edge.
	 *
	 * @param retryWaits the waits after each failed attempt on this edge
	 * @param signingSecret a {@code whsec_...} secret: when set, what Handoff sends on this edge is signed the
	 * Standard Webhooks way ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature})
	 */
	public record Edge(List<Duration> retryWaits, String signingSecret) {
	}

	String signingSecret(String edge) {
		Edge own = edges.get(edge);
		return own == null ? null : own.signingSecret();
	}

	RetryPolicy retryPolicy(String edge) {
		Edge own = edges.get(edge);
		return new RetryPolicy(own != null && own.retryWaits() != null ? own.retryWaits() : retryWaits);
	}
}
