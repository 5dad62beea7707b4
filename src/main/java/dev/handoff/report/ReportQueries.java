package dev.handoff.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.audit.ReworkAction;
import dev.handoff.guard.Rules;
import dev.handoff.guard.Violation;
import dev.handoff.notify.Notices;
import dev.handoff.reject.Cause;
import dev.handoff.truth.Truth;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The report's reads: one GROUP BY query per figure over the window, never one per
 * message. Notices to owners travel through the outbox too, but they are Handoff's own
 * messages, not a handoff: they are left out everywhere.
 */
@Repository
class ReportQueries {

	/**
	 * The ids that replays were accepted as. A replayed delivery failure goes out again
	 * as the outbox row it came from, which its edge accepted the first time: that row is
	 * not a replay's and is left in.
	 */
	private static final String REPLAY_BORN = "SELECT replayed_as FROM reject WHERE replayed_as IS NOT NULL AND outbox_id IS NULL";

	private static final String REWORK = Arrays.stream(ReworkAction.values())
		.map(action -> "'" + action.lowerCase() + "'")
		.collect(Collectors.joining(", ", "(", ")"));

	private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	ReportQueries(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** An edge and campaign; the campaign is null for messages that named none. */
	record Key(String edge, String campaign) {

		static final Comparator<Key> ORDER = Comparator.comparing(Key::edge)
			.thenComparing(Key::campaign, Comparator.nullsLast(Comparator.naturalOrder()));

	}

	/**
	 * What a report covers: its window, and the edge and campaign it is narrowed to (null
	 * for all).
	 */
	record Scope(Window window, String edge, String campaign) {
	}

	/** Messages each edge accepted as sent. */
	void accepted(Scope scope, Function<Key, Tally> tally) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT o.edge, o.campaign, COUNT(*) AS n FROM outbox o WHERE o.id NOT IN (" + REPLAY_BORN + ")"
				+ scoped("o", "created_at", scope, args) + " GROUP BY o.edge, o.campaign";
		jdbc.query(sql, rs -> {
			tally.apply(key(rs)).accepted += rs.getLong("n");
		}, args.toArray());
	}

	/**
	 * Briefs the source edge accepted as sent: they go to no tool, so they are counted by
	 * the truth versions they made.
	 */
	void acceptedBriefs(Scope scope, String sourceEdge, Function<Key, Tally> tally) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder(
				"SELECT t.campaign, COUNT(*) AS n FROM truth_version t WHERE t.message_id NOT IN (" + REPLAY_BORN
						+ ") AND t.recorded_at >= ? AND t.recorded_at < ?");
		window(scope, args);
		if (scope.campaign() != null) {
			sql.append(" AND t.campaign = ?");
			args.add(scope.campaign());
		}
		sql.append(" GROUP BY t.campaign");
		jdbc.query(sql.toString(), rs -> {
			tally.apply(new Key(sourceEdge, rs.getString("campaign"))).accepted += rs.getLong("n");
		}, args.toArray());
	}

	/**
	 * Rejects that arrived, telling failed deliveries (accepted, then refused by the
	 * tool) from messages rejected on arrival.
	 */
	void rejects(Scope scope, Function<Key, Tally> tally) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT r.edge, r.campaign, COUNT(*) AS n, SUM(CASE WHEN EXISTS (SELECT 1 FROM reject_violation v WHERE v.reject_seq = r.seq "
				+ "AND v.rule = '" + Rules.DELIVERY + "') THEN 1 ELSE 0 END) AS failed FROM reject r WHERE 1 = 1"
				+ scoped("r", "received_at", scope, args) + " GROUP BY r.edge, r.campaign";
		jdbc.query(sql, rs -> {
			Tally t = tally.apply(key(rs));
			t.deliveryFailures += rs.getLong("failed");
			t.rejected += rs.getLong("n") - rs.getLong("failed");
		}, args.toArray());
	}

	/** Rejects per rule; a reject that broke a rule twice counts once for it. */
	void rules(Scope scope, Function<Key, Tally> tally) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT r.edge, r.campaign, v.rule, COUNT(DISTINCT r.seq) AS n FROM reject r JOIN reject_violation v ON v.reject_seq = r.seq "
				+ "WHERE 1 = 1" + scoped("r", "received_at", scope, args) + " GROUP BY r.edge, r.campaign, v.rule";
		jdbc.query(sql, rs -> {
			tally.apply(key(rs)).byRule.merge(rs.getString("rule"), rs.getLong("n"), Long::sum);
		}, args.toArray());
	}

	/**
	 * Replays, edits and discards done in the window, each attempt, to whichever reject,
	 * whenever it arrived.
	 */
	void rework(Scope scope, Function<Key, Tally> tally) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder(
				"SELECT r.edge, r.campaign, a.action, COUNT(*) AS n FROM audit a JOIN reject r ON r.id = a.subject "
						+ "WHERE a.action IN " + REWORK + " AND a.at >= ? AND a.at < ?");
		window(scope, args);
		sql.append(scoped("r", null, scope, args)).append(" GROUP BY r.edge, r.campaign, a.action");
		jdbc.query(sql.toString(), rs -> {
			Tally t = tally.apply(key(rs));
			long n = rs.getLong("n");
			String action = rs.getString("action");
			switch (ReworkAction.of(action)
				.orElseThrow(
						() -> new IllegalStateException("selected an audit action that is not rework: " + action))) {
				case REPLAY -> t.replays += n;
				case EDIT -> t.edits += n;
				case DISCARD -> t.discards += n;
			}
		}, args.toArray());
	}

	/**
	 * For each reject fixed (accepted on a replay) in the window, how long it waited from
	 * arrival.
	 */
	void fixes(Scope scope, Function<Key, Tally> tally) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT r.edge, r.campaign, r.received_at, r.status_changed_at FROM reject r WHERE r.status = 'replayed'"
				+ scoped("r", "status_changed_at", scope, args);
		jdbc.query(sql, rs -> {
			Duration waited = Duration.between(rs.getTimestamp("received_at").toInstant(),
					rs.getTimestamp("status_changed_at").toInstant());
			tally.apply(key(rs)).fixSeconds.add(Math.max(0, waited.getSeconds()));
		}, args.toArray());
	}

	/**
	 * Every truth version, oldest first, of each campaign that had a late change (a
	 * version 2 or later) in the window.
	 */
	List<Truth> truthOfChangedCampaigns(Scope scope) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT t.campaign, t.version, t.fields, t.message_id, t.recorded_at FROM truth_version t WHERE t.campaign IN ("
				+ changedCampaigns(scope, args) + ") ORDER BY t.campaign, t.version";
		return jdbc.query(sql, this::truth, args.toArray());
	}

	/**
	 * When each edge first delivered each version of the campaigns that had a late change
	 * in the window.
	 */
	List<Delivered> deliveries(Scope scope) {
		List<Object> args = new ArrayList<>();
		StringBuilder sql = new StringBuilder(
				"SELECT o.edge, o.campaign, o.version, MIN(o.delivered_at) AS first_delivered FROM outbox o "
						+ "WHERE o.delivered_at IS NOT NULL AND o.version IS NOT NULL AND o.edge <> ?");
		args.add(Notices.EDGE);
		if (scope.edge() != null) {
			sql.append(" AND o.edge = ?");
			args.add(scope.edge());
		}
		sql.append(" AND o.campaign IN (")
			.append(changedCampaigns(scope, args))
			.append(") GROUP BY o.edge, o.campaign, o.version");
		return jdbc.query(sql.toString(), (rs, n) -> new Delivered(key(rs), rs.getLong("version"),
				rs.getTimestamp("first_delivered").toInstant()), args.toArray());
	}

	/** One version of a campaign, first delivered by an edge at that time. */
	record Delivered(Key key, long version, Instant at) {
	}

	/**
	 * The most frequent (edge, rule, pointer) among rejects in the window; ties go to the
	 * most recently seen.
	 */
	List<Report.ErrorClass> topErrors(Scope scope, int limit) {
		List<Object> args = new ArrayList<>();
		String sql = "SELECT r.edge, v.rule, v.pointer, COUNT(DISTINCT r.seq) AS total, MAX(r.received_at) AS last_seen, MAX(r.seq) AS example_seq "
				+ "FROM reject r JOIN reject_violation v ON v.reject_seq = r.seq WHERE 1 = 1"
				+ scoped("r", "received_at", scope, args)
				+ " GROUP BY r.edge, v.rule, v.pointer ORDER BY total DESC, last_seen DESC, r.edge, v.rule, v.pointer FETCH FIRST ? ROWS ONLY";
		args.add(limit);
		record Top(Cause.Key key, long count, long exampleSeq) {
		}
		List<Top> top = jdbc.query(sql,
				(rs, n) -> new Top(new Cause.Key(rs.getString("edge"), rs.getString("rule"), rs.getString("pointer")),
						rs.getLong("total"), rs.getLong("example_seq")),
				args.toArray());
		if (top.isEmpty()) {
			return List.of();
		}
		Map<Long, Example> examples = new HashMap<>();
		jdbc.query("SELECT seq, id, violations FROM reject WHERE seq IN ("
				+ String.join(", ", Collections.nCopies(top.size(), "?")) + ")", rs -> {
					examples.put(rs.getLong("seq"), new Example(rs.getString("id"), violations(rs)));
				}, top.stream().map(Top::exampleSeq).toArray());
		return top.stream().map(t -> {
			Example example = examples.get(t.exampleSeq());
			String message = example.violations()
				.stream()
				.filter(v -> v.rule().equals(t.key().rule()) && v.pointer().equals(t.key().pointer()))
				.map(Violation::message)
				.findFirst()
				.orElse(null);
			return new Report.ErrorClass(t.key().edge(), t.key().rule(), t.key().pointer(), t.count(), t.key().id(),
					example.id(), message);
		}).toList();
	}

	private record Example(String id, List<Violation> violations) {
	}

	/**
	 * The campaigns with a version 2 or later recorded in the window: each such version
	 * is a late change.
	 */
	private static String changedCampaigns(Scope scope, List<Object> args) {
		String sql = "SELECT c.campaign FROM truth_version c WHERE c.version >= 2 AND c.recorded_at >= ? AND c.recorded_at < ?";
		window(scope, args);
		if (scope.campaign() != null) {
			sql += " AND c.campaign = ?";
			args.add(scope.campaign());
		}
		return sql;
	}

	/**
	 * The window on {@code time} (none when null), no notices, and the edge and campaign
	 * when the report is narrowed.
	 */
	private static String scoped(String alias, String time, Scope scope, List<Object> args) {
		StringBuilder sql = new StringBuilder();
		if (time != null) {
			sql.append(" AND ")
				.append(alias)
				.append('.')
				.append(time)
				.append(" >= ? AND ")
				.append(alias)
				.append('.')
				.append(time)
				.append(" < ?");
			window(scope, args);
		}
		sql.append(" AND ").append(alias).append(".edge <> ?");
		args.add(Notices.EDGE);
		if (scope.edge() != null) {
			sql.append(" AND ").append(alias).append(".edge = ?");
			args.add(scope.edge());
		}
		if (scope.campaign() != null) {
			sql.append(" AND ").append(alias).append(".campaign = ?");
			args.add(scope.campaign());
		}
		return sql.toString();
	}

	private static void window(Scope scope, List<Object> args) {
		args.add(Timestamp.from(scope.window().since()));
		args.add(Timestamp.from(scope.window().until()));
	}

	private static Key key(ResultSet rs) throws SQLException {
		return new Key(rs.getString("edge"), rs.getString("campaign"));
	}

	private Truth truth(ResultSet rs, int n) throws SQLException {
		try {
			return new Truth(rs.getString("campaign"), rs.getLong("version"),
					(ObjectNode) mapper.readTree(rs.getString("fields")), rs.getString("message_id"),
					rs.getTimestamp("recorded_at").toInstant());
		}
		catch (JsonProcessingException e) {
			throw new SQLException("truth_version.fields of " + rs.getString("campaign") + " is not JSON", e);
		}
	}

	private List<Violation> violations(ResultSet rs) throws SQLException {
		try {
			return mapper.readValue(rs.getString("violations"), VIOLATIONS);
		}
		catch (JsonProcessingException e) {
			throw new SQLException("reject " + rs.getString("id") + " has violations that are not JSON", e);
		}
	}

}
