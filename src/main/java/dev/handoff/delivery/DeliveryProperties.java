package dev.handoff.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How accepted messages are sent to the next tool.
 *
 * @param enabled false stops sending (messages stay in the outbox), e.g. for maintenance
 * of a tool
 * @param pollInterval how often the outbox is looked at when nothing new was accepted
 * @param batchSize how many due rows one pass takes
 * @param concurrency how many sends may be in flight at once
 * @param retryWaits the waits after each failed attempt; after the last, the message
 * becomes a {@code delivery} reject
 * @param edges per edge, other retry waits (e.g. shorter ones for tracking events), a
 * signing secret, credentials
 * @param connectTimeout how long to wait for a connection to the tool
 * @param requestTimeout how long to wait for the tool's answer
 * @param privateTargets {@code allow} lets deliveries go to loopback, private and
 * link-local addresses
 * @param lease how long a claimed message stays with the instance that claimed it unless
 * renewed: the holder renews its leases every third of this while it lives, so a crashed
 * instance's messages are sent again this soon
 * @param keepDelivered how long a delivered message (and its attempts' history) is kept
 * before it is deleted; {@code 0} keeps all. The report reaches back no further.
 */
@Validated
@ConfigurationProperties("handoff.delivery")
public record DeliveryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("50") @Min(1) int batchSize, @DefaultValue("4") @Min(1) @Max(64) int concurrency, @DefaultValue( {
				"5s", "5m", "30m", "2h", "5h", "10h" }) List<Duration> retryWaits,
		@DefaultValue Map<String, Edge> edges, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration requestTimeout, @DefaultValue("refuse") PrivateTargets privateTargets,
		@DefaultValue("10s") Duration lease, @DefaultValue("90d") Duration keepDelivered){

	public DeliveryProperties {
		edges = withoutEnvironmentShadows(edges);
		if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
			throw new IllegalArgumentException(
					"handoff.delivery.lease is " + lease + "; it must be at least 3s, renewed every third of it");
		}
		if (keepDelivered.isNegative()) {
			throw new IllegalArgumentException(
					"handoff.delivery.keep-delivered is " + keepDelivered + "; it must be 0 (keep all) or more");
		}
		// checked at start: a credential left out would otherwise show only as 401
		// rejects once messages flow
		List<String> problems = new ArrayList<>();
		edges.forEach((name, edge) -> {
			if (edge != null && edge.auth() != null) {
				edge.auth()
					.problems()
					.forEach(problem -> problems.add("handoff.delivery.edges." + name + ".auth: " + problem));
			}
		});
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(String.join("; ", problems));
		}
	}

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
	 * @param signingSecret a {@code whsec_...} secret: when set, what Handoff sends on
	 * this edge is signed the Standard Webhooks way ({@code webhook-id},
	 * {@code webhook-timestamp}, {@code webhook-signature})
	 * @param auth how Handoff proves who it is to this edge's tool; none sends no
	 * credentials
	 */
	public record Edge(List<Duration> retryWaits, String signingSecret, Auth auth) {

		@ConstructorBinding
		public Edge {
			signingSecret = signingSecret == null || signingSecret.isBlank() ? null : signingSecret;
		}

		/** An edge without credentials. */
		public Edge(List<Duration> retryWaits, String signingSecret) {
			this(retryWaits, signingSecret, null);
		}

		/** Without the signing secret: settings end up in logs and failure reports. */
		@Override
		public String toString() {
			return "Edge[retryWaits=" + retryWaits + ", signingSecret="
					+ (signingSecret == null ? null : TargetCredentials.HIDDEN) + ", auth=" + auth + "]";
		}
	}

	/**
	 * An edge's own settings. An edge configured only by environment variables is bound
	 * under its name without dashes ({@code HANDOFF_DELIVERY_EDGES_EMAILCAMPAIGN_...}
	 * gives {@code emailcampaign}), so that name is tried as well.
	 */
	Edge edge(String name) {
		Edge own = edges.get(name);
		return own != null ? own : edges.get(uniform(name));
	}

	String signingSecret(String edge) {
		Edge own = edge(edge);
		return own == null ? null : own.signingSecret();
	}

	/** The credentials for an edge's tool, or null when it takes none. */
	Auth auth(String edge) {
		Edge own = edge(edge);
		return own == null ? null : own.auth();
	}

	/**
	 * Every value configured as a secret, on every edge: none may appear in what Handoff
	 * shows or logs.
	 */
	List<String> secrets() {
		return edges.values()
			.stream()
			.filter(Objects::nonNull)
			.flatMap(e -> Stream.concat(e.auth() == null ? Stream.empty() : e.auth().secrets().stream(),
					Stream.ofNullable(e.signingSecret())))
			.distinct()
			.toList();
	}

	RetryPolicy retryPolicy(String edge) {
		Edge own = edge(edge);
		return new RetryPolicy(own != null && own.retryWaits() != null ? own.retryWaits() : retryWaits);
	}

	/**
	 * Spring binds {@code HANDOFF_DELIVERY_EDGES_EMAILCAMPAIGN_AUTH_PASSWORD} into
	 * {@code edges[email-campaign]} when that entry is also configured elsewhere (names
	 * match without their dashes), and then lists the same settings once more under
	 * {@code emailcampaign}, the key it reads off the variable's name. That copy is no
	 * edge of its own: it is dropped.
	 */
	private static Map<String, Edge> withoutEnvironmentShadows(Map<String, Edge> edges) {
		Map<String, Edge> kept = new LinkedHashMap<>(edges);
		kept.keySet()
			.removeIf(name -> name.equals(uniform(name))
					&& edges.keySet().stream().anyMatch(other -> !other.equals(name) && uniform(other).equals(name)));
		return Collections.unmodifiableMap(kept);
	}

	/**
	 * A name as Spring's relaxed binding compares it: lower case, letters and digits
	 * only.
	 */
	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}
}
