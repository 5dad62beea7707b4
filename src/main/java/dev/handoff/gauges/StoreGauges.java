package dev.handoff.gauges;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

import dev.handoff.delivery.OutboxEntry;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.reject.Reject;
import dev.handoff.metrics.MetricsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The gauges that live in the database: outbox depth and oldest age, open rejects and
 * their oldest age, campaigns with a truth. One grouped query each, every
 * {@code handoff.metrics.refresh}; a scrape reads the last counts from memory, so
 * scraping often, or from several Prometheus servers, never adds load on the database.
 */
@Component
public class StoreGauges {

	private static final Logger log = LoggerFactory.getLogger(StoreGauges.class);

	/** How many rows wait on one edge, and since when the oldest has waited. */
	record Queue(long count, Instant oldest) {

		static final Queue EMPTY = new Queue(0, null);

		double ageSeconds(Instant now) {
			return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
		}
	}

	/** The counts of one refresh. */
	record Snapshot(Map<String, Queue> outbox, Map<String, Queue> rejects, long campaigns, Map<String, Long> versions) {
	}

	private final JdbcTemplate jdbc;

	private final EdgeRegistry edges;

	private final MeterRegistry meters;

	private final boolean campaignTags;

	private final MultiGauge outboxDepth;

	private final MultiGauge outboxAge;

	private final MultiGauge rejectsOpen;

	private final MultiGauge rejectsAge;

	private final MultiGauge truthVersion;

	private volatile Snapshot snapshot;

	StoreGauges(JdbcTemplate jdbc, EdgeRegistry edges, MeterRegistry meters, MetricsProperties properties) {
		this.jdbc = jdbc;
		this.edges = edges;
		this.meters = meters;
		this.campaignTags = properties.campaignTags();
		this.outboxDepth = MultiGauge.builder("handoff.outbox.depth")
			.description("Accepted messages waiting for delivery")
			.register(meters);
		this.outboxAge = MultiGauge.builder("handoff.outbox.oldest.age")
			.baseUnit("seconds")
			.description("How long the oldest message waiting for delivery has waited")
			.register(meters);
		this.rejectsOpen = MultiGauge.builder("handoff.rejects.open")
			.description("Rejects waiting for a person")
			.register(meters);
		this.rejectsAge = MultiGauge.builder("handoff.rejects.open.oldest.age")
			.baseUnit("seconds")
			.description("How long the oldest open reject has waited")
			.register(meters);
		this.truthVersion = MultiGauge.builder("handoff.truth.version")
			.description("Current truth version per campaign (opt-in)")
			.register(meters);
	}

	/**
	 * Counts again and updates the gauges; a database that cannot be reached leaves the
	 * last counts in place.
	 */
	public void refresh() {
		Snapshot next;
		try {
			next = read();
		}
		catch (DataAccessException e) {
			log.warn("Metrics refresh cannot reach the database; the gauges keep their last values: {}",
					e.getMessage());
			return;
		}
		boolean first = snapshot == null;
		snapshot = next;
		if (first) {
			Gauge.builder("handoff.truth.campaigns", this, g -> g.snapshot.campaigns())
				.description("Campaigns with a truth")
				.strongReference(true)
				.register(meters);
		}
		// every edge the routes declare has a row (0 when idle); an edge gone from the
		// routes keeps one only while
		// something of it still waits in the database, and loses it after that
		Set<String> names = new TreeSet<>(edges.all().stream().map(Edge::name).toList());
		Set<String> outboxEdges = new TreeSet<>(names);
		outboxEdges.addAll(next.outbox().keySet());
		Set<String> rejectEdges = new TreeSet<>(names);
		rejectEdges.addAll(next.rejects().keySet());
		outboxDepth.register(rows(outboxEdges, s -> s.outbox(), (q, now) -> q.count()), false);
		outboxAge.register(rows(outboxEdges, s -> s.outbox(), Queue::ageSeconds), false);
		rejectsOpen.register(rows(rejectEdges, s -> s.rejects(), (q, now) -> q.count()), false);
		rejectsAge.register(rows(rejectEdges, s -> s.rejects(), Queue::ageSeconds), false);
		if (campaignTags) {
			truthVersion.register(next.versions()
				.keySet()
				.stream()
				.map(campaign -> MultiGauge.Row.of(Tags.of("campaign", campaign), this,
						g -> g.snapshot.versions().getOrDefault(campaign, 0L)))
				.toList(), false);
		}
	}

	/**
	 * One row per edge that reads the latest snapshot, so a row registered once follows
	 * every later refresh.
	 */
	private List<MultiGauge.Row<?>> rows(Set<String> edgeNames, Function<Snapshot, Map<String, Queue>> table,
			ToDoubleBiFunction<Queue, Instant> value) {
		return edgeNames.stream().<MultiGauge.Row<?>>map(edge -> MultiGauge.Row.of(Tags.of("edge", edge), this, g -> {
			Snapshot s = g.snapshot;
			// the age grows between refreshes: it is measured from now, not from the last
			// count
			return value.applyAsDouble(table.apply(s).getOrDefault(edge, Queue.EMPTY), Instant.now());
		})).toList();
	}

	private Snapshot read() {
		Map<String, Queue> outbox = queues(
				"SELECT edge, COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = ? GROUP BY edge",
				OutboxEntry.PENDING);
		Map<String, Queue> rejects = queues(
				"SELECT edge, COUNT(*) AS n, MIN(received_at) AS oldest FROM reject WHERE status = ? GROUP BY edge",
				Reject.Status.OPEN.lowerCase());
		Long campaigns = jdbc.queryForObject("SELECT COUNT(DISTINCT campaign) FROM truth_version", Long.class);
		Map<String, Long> versions = new HashMap<>();
		if (campaignTags) {
			jdbc.query("SELECT campaign, MAX(version) AS v FROM truth_version GROUP BY campaign", (ResultSet rs) -> {
				versions.put(rs.getString("campaign"), rs.getLong("v"));
			});
		}
		return new Snapshot(Map.copyOf(outbox), Map.copyOf(rejects), campaigns == null ? 0 : campaigns,
				Map.copyOf(versions));
	}

	private Map<String, Queue> queues(String sql, String status) {
		Map<String, Queue> found = new HashMap<>();
		jdbc.query(sql, (ResultSet rs) -> {
			found.put(rs.getString("edge"), new Queue(rs.getLong("n"), instant(rs.getTimestamp("oldest"))));
		}, status);
		return found;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
