package dev.handoff.trigger;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.handoff.drift.Drift;
import dev.handoff.drift.DriftFinder;
import dev.handoff.notify.Notices;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the triggers look at, measured per edge with one grouped query each, once per
 * evaluation.
 */
@Component
class Measurements {

	private final JdbcTemplate jdbc;

	private final DriftFinder drift;

	Measurements(JdbcTemplate jdbc, DriftFinder drift) {
		this.jdbc = jdbc;
		this.drift = drift;
	}

	/** Rejects received per edge since {@code now - window}. */
	Map<String, Long> rejects(Instant now, Duration window) {
		Map<String, Long> counts = new HashMap<>();
		jdbc.query("SELECT edge, COUNT(*) AS n FROM reject WHERE received_at >= ? GROUP BY edge", rs -> {
			counts.put(rs.getString("edge"), rs.getLong("n"));
		}, Timestamp.from(now.minus(window)));
		return counts;
	}

	/** The oldest open reject per edge. */
	Map<String, Instant> oldestOpenReject() {
		return oldest("SELECT edge, MIN(received_at) AS oldest FROM reject WHERE status = 'open' GROUP BY edge");
	}

	/**
	 * The oldest message waiting for delivery per edge (notices excluded: they are not an
	 * edge's).
	 */
	Map<String, Instant> oldestPending() {
		return oldest("SELECT edge, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending' AND edge <> '"
				+ Notices.EDGE + "' GROUP BY edge");
	}

	/** Since when each edge has had a campaign behind its brief. */
	Map<String, Instant> oldestDrift() {
		Map<String, Instant> oldest = new HashMap<>();
		for (Drift d : drift.find(null, null)) {
			oldest.merge(d.edge(), d.behindSince(), (a, b) -> a.isBefore(b) ? a : b);
		}
		return oldest;
	}

	private Map<String, Instant> oldest(String sql) {
		Map<String, Instant> oldest = new HashMap<>();
		jdbc.query(sql, rs -> {
			oldest.put(rs.getString("edge"), rs.getTimestamp("oldest").toInstant());
		});
		return oldest;
	}

}
