package dev.handoff.reject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.guard.Violation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The rejected queue grouped by what went wrong. Counts come from the rejects themselves; only a person's triage
 * decision (and the service's own "resolved" when the last open reject of a cause leaves the queue) is stored.
 */
@Repository
public class CauseStore {

	// the violations carry their reject's edge, status and time, so causes are grouped from one table
	private static final String GROUPED = "SELECT v.edge, v.rule, v.pointer, COUNT(DISTINCT v.reject_seq) AS total, "
			+ "COUNT(DISTINCT CASE WHEN v.status = 'open' THEN v.reject_seq END) AS open_count, MIN(v.received_at) AS first_seen, "
			+ "MAX(v.received_at) AS last_seen, MAX(v.reject_seq) AS example_seq FROM reject_violation v";

	private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	public CauseStore(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	/** Every cause on an edge (or all edges), the most recently seen first; {@code state} narrows by effective state. */
	public List<Cause> list(String edge, String state) {
		List<Object> args = new ArrayList<>();
		String sql = GROUPED + (edge == null || edge.isBlank() ? "" : " WHERE v.edge = ?") + " GROUP BY v.edge, v.rule, v.pointer";
		if (edge != null && !edge.isBlank()) {
			args.add(edge);
		}
		List<Group> groups = jdbc.query(sql, this::group, args.toArray());
		Map<Cause.Key, Decision> decisions = decisions();
		return groups.stream()
			.map(g -> cause(g, decisions.get(g.key())))
			.filter(c -> state == null || state.isBlank() || state.equals(c.state()))
			.sorted(Comparator.comparing(Cause::lastSeen).reversed().thenComparing(Cause::id))
			.toList();
	}

	public Optional<Cause> find(Cause.Key key) {
		List<Group> groups = jdbc.query(GROUPED + " WHERE v.edge = ? AND v.rule = ? AND v.pointer = ? GROUP BY v.edge, v.rule, v.pointer",
				this::group, key.edge(), key.rule(), key.pointer());
		return groups.stream().findFirst().map(g -> cause(g, decisions().get(key)));
	}

	/**
	 * Makes sure a cause has a decision row (state open, the default), so that {@link #decide} is one UPDATE. Run it
	 * outside a transaction: on PostgreSQL a lost insert race would abort the transaction around it.
	 */
	public void ensure(Cause.Key key) {
		Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM cause_state WHERE edge = ? AND rule = ? AND pointer = ?", Integer.class,
				key.edge(), key.rule(), key.pointer());
		if (rows != null && rows > 0) {
			return;
		}
		try {
			jdbc.update("INSERT INTO cause_state (edge, rule, pointer, state, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)", key.edge(),
					key.rule(), key.pointer(), Cause.OPEN, Timestamp.from(Instant.EPOCH), "handoff");
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			// someone else made it at the same moment
		}
	}

	/** Records a person's (or the service's) triage decision; the last one counts. Call {@link #ensure} first. */
	public void decide(Cause.Key key, String state, String actor) {
		jdbc.update("UPDATE cause_state SET state = ?, changed_at = ?, changed_by = ? WHERE edge = ? AND rule = ? AND pointer = ?", state,
				Timestamp.from(Instant.now()), actor, key.edge(), key.rule(), key.pointer());
	}

	/** The causes of one reject (one per distinct rule and pointer of its violations). */
	public static List<Cause.Key> keysOf(Reject reject) {
		return reject.violations().stream().map(v -> new Cause.Key(reject.edge(), v.rule(), v.pointer())).distinct().toList();
	}

	/** How many rejects of a cause are still open. */
	public long openCount(Cause.Key key) {
		Long open = jdbc.queryForObject("SELECT COUNT(DISTINCT reject_seq) FROM reject_violation WHERE edge = ? AND rule = ? AND pointer = ? "
				+ "AND status = 'open'", Long.class, key.edge(), key.rule(), key.pointer());
		return open == null ? 0 : open;
	}

	/**
	 * The state shown: a cause with nothing open is resolved; one resolved before its latest reject came in has
	 * recurred and is open again; otherwise what a person set (open when nobody did).
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

	private Cause cause(Group g, Decision stored) {
		// a row made by ensure() whose decision never followed is no decision
		Decision decision = stored == null || stored.at().equals(Instant.EPOCH) ? null : stored;
		String[] example = jdbc.queryForObject("SELECT id, violations FROM reject WHERE seq = ?",
				(rs, n) -> new String[] { rs.getString("id"), message(rs, g.key()) }, g.exampleSeq());
		return new Cause(g.key().id(), g.key(), g.total(), g.open(), g.firstSeen(), g.lastSeen(), example[0], example[1],
				effectiveState(g.open(), g.lastSeen(), decision), decision == null ? null : decision.by(), decision == null ? null : decision.at());
	}

	private String message(ResultSet rs, Cause.Key key) throws SQLException {
		try {
			return mapper.readValue(rs.getString("violations"), VIOLATIONS).stream()
				.filter(v -> v.rule().equals(key.rule()) && v.pointer().equals(key.pointer()))
				.map(Violation::message)
				.findFirst()
				.orElse(null);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new SQLException("reject " + rs.getString("id") + " has violations that are not JSON", e);
		}
	}

	private Group group(ResultSet rs, int n) throws SQLException {
		return new Group(new Cause.Key(rs.getString("edge"), rs.getString("rule"), rs.getString("pointer")), rs.getLong("total"),
				rs.getLong("open_count"), rs.getTimestamp("first_seen").toInstant(), rs.getTimestamp("last_seen").toInstant(),
				rs.getLong("example_seq"));
	}

	private Map<Cause.Key, Decision> decisions() {
		Map<Cause.Key, Decision> decisions = new HashMap<>();
		jdbc.query("SELECT edge, rule, pointer, state, changed_at, changed_by FROM cause_state",
				rs -> {
					decisions.put(new Cause.Key(rs.getString("edge"), rs.getString("rule"), rs.getString("pointer")),
							new Decision(rs.getString("state"), rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by")));
				});
		return decisions;
	}

	private record Group(Cause.Key key, long total, long open, Instant firstSeen, Instant lastSeen, long exampleSeq) {
	}

	/** A stored triage decision. */
	record Decision(String state, Instant at, String by) {
	}
}
