package dev.handoff.reject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.guard.Violation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rejected queue grouped by what went wrong: one row per cause with its counts (kept
 * by {@link CauseTally} as rejects arrive and leave) and a person's triage decision (or
 * the service's own "resolved" when the last open reject of a cause leaves the queue).
 */
@Repository
public class CauseStore {

	// counts kept by CauseTally beside the decision: one row per cause, however long the
	// queue
	private static final String CAUSES = "SELECT edge, rule, pointer, state, changed_at, changed_by, total, open_count, first_seen, last_seen, "
			+ "example_seq FROM cause_state WHERE total > 0";

	private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	public CauseStore(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/**
	 * Every cause on an edge (or all edges), the most recently seen first; {@code state}
	 * narrows by effective state.
	 */
	public List<Cause> list(String edge, String state) {
		boolean oneEdge = edge != null && !edge.isBlank();
		return jdbc
			.query(CAUSES + (oneEdge ? " AND edge = ?" : ""), this::cause,
					oneEdge ? new Object[] { edge } : new Object[0])
			.stream()
			.filter(c -> state == null || state.isBlank() || state.equals(c.state()))
			.sorted(Comparator.comparing(Cause::lastSeen).reversed().thenComparing(Cause::id))
			.toList();
	}

	public Optional<Cause> find(Cause.Key key) {
		return jdbc
			.query(CAUSES + " AND edge = ? AND rule = ? AND pointer = ?", this::cause, key.edge(), key.rule(),
					key.pointer())
			.stream()
			.findFirst();
	}

	/**
	 * Makes sure a cause has a decision row (state open, the default), so that
	 * {@link #decide} is one UPDATE. Run it outside a transaction: on PostgreSQL a lost
	 * insert race would abort the transaction around it.
	 */
	public void ensure(Cause.Key key) {
		Integer rows = jdbc.queryForObject(
				"SELECT COUNT(*) FROM cause_state WHERE edge = ? AND rule = ? AND pointer = ?", Integer.class,
				key.edge(), key.rule(), key.pointer());
		if (rows != null && rows > 0) {
			return;
		}
		try {
			jdbc.update(
					"INSERT INTO cause_state (edge, rule, pointer, state, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)",
					key.edge(), key.rule(), key.pointer(), Cause.OPEN, Timestamp.from(Instant.EPOCH), "handoff");
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			// someone else made it at the same moment
		}
	}

	/**
	 * Records a person's (or the service's) triage decision; the last one counts. Call
	 * {@link #ensure} first.
	 */
	public void decide(Cause.Key key, String state, String actor) {
		jdbc.update(
				"UPDATE cause_state SET state = ?, changed_at = ?, changed_by = ? WHERE edge = ? AND rule = ? AND pointer = ?",
				state, Timestamp.from(Instant.now()), actor, key.edge(), key.rule(), key.pointer());
	}

	/** The causes of one reject (one per distinct rule and pointer of its violations). */
	public static List<Cause.Key> keysOf(Reject reject) {
		return reject.violations()
			.stream()
			.map(v -> new Cause.Key(reject.edge(), v.rule(), v.pointer()))
			.distinct()
			.toList();
	}

	/** How many rejects of a cause are still open. */
	public long openCount(Cause.Key key) {
		return jdbc
			.query("SELECT open_count FROM cause_state WHERE edge = ? AND rule = ? AND pointer = ?",
					(rs, n) -> rs.getLong(1), key.edge(), key.rule(), key.pointer())
			.stream()
			.findFirst()
			.orElse(0L);
	}

	/**
	 * The state shown: a cause with nothing open is resolved; one resolved before its
	 * latest reject came in has recurred and is open again; otherwise what a person set
	 * (open when nobody did).
	 */
	static String effectiveState(long open, Instant lastSeen, Decision decision) {
		if (open == 0) {
			return Cause.RESOLVED;
		}
		if (decision == null) {
			return Cause.OPEN;
		}
		if (Cause.RESOLVED.equals(decision.state()) && lastSeen.isAfter(decision.at())) {
			return Cause.OPEN;
		}
		return decision.state();
	}

	private Cause cause(ResultSet rs, int n) throws SQLException {
		Cause.Key key = new Cause.Key(rs.getString("edge"), rs.getString("rule"), rs.getString("pointer"));
		Instant decidedAt = rs.getTimestamp("changed_at").toInstant();
		// a row made by ensure() or by the tally, whose decision never followed, is no
		// decision
		Decision decision = decidedAt.equals(Instant.EPOCH) ? null
				: new Decision(rs.getString("state"), decidedAt, rs.getString("changed_by"));
		long total = rs.getLong("total");
		long open = rs.getLong("open_count");
		Instant firstSeen = rs.getTimestamp("first_seen").toInstant();
		Instant lastSeen = rs.getTimestamp("last_seen").toInstant();
		String[] example = jdbc.queryForObject("SELECT id, violations FROM reject WHERE seq = ?",
				(row, m) -> new String[] { row.getString("id"), message(row, key) }, rs.getLong("example_seq"));
		return new Cause(key.id(), key, total, open, firstSeen, lastSeen, example[0], example[1],
				effectiveState(open, lastSeen, decision), decision == null ? null : decision.by(),
				decision == null ? null : decision.at());
	}

	private String message(ResultSet rs, Cause.Key key) throws SQLException {
		try {
			return mapper.readValue(rs.getString("violations"), VIOLATIONS)
				.stream()
				.filter(v -> v.rule().equals(key.rule()) && v.pointer().equals(key.pointer()))
				.map(Violation::message)
				.findFirst()
				.orElse(null);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new SQLException("reject " + rs.getString("id") + " has violations that are not JSON", e);
		}
	}

	/** A stored triage decision. */
	record Decision(String state, Instant at, String by) {
	}

}
