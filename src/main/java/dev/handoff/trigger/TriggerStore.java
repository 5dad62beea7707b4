package dev.handoff.trigger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The trigger states, changed only by conditional updates so that two instances never
 * both alert for one incident.
 */
@Repository
class TriggerStore {

	private final JdbcTemplate jdbc;

	TriggerStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Makes sure the row exists (not firing); run outside a transaction, since a lost
	 * insert race is fine.
	 */
	void ensure(String trigger, String edge) {
		Integer rows = jdbc.queryForObject("SELECT COUNT(*) FROM trigger_state WHERE trigger_name = ? AND edge = ?",
				Integer.class, trigger, edge);
		if (rows != null && rows > 0) {
			return;
		}
		try {
			jdbc.update("INSERT INTO trigger_state (trigger_name, edge, firing, changed_at) VALUES (?, ?, FALSE, ?)",
					trigger, edge, Timestamp.from(Instant.now()));
		}
		catch (DuplicateKeyException raced) {
			// another instance inserted it first
		}
	}

	/** True when this call started the incident (it was not firing). */
	boolean fire(String trigger, String edge, String detail, Instant now) {
		return jdbc.update(
				"UPDATE trigger_state SET firing = TRUE, since = ?, detail = ?, changed_at = ? "
						+ "WHERE trigger_name = ? AND edge = ? AND firing = FALSE",
				Timestamp.from(now), detail, Timestamp.from(now), trigger, edge) == 1;
	}

	/** True when this call ended the incident (it was firing). */
	boolean clear(String trigger, String edge, String detail, Instant now) {
		return jdbc.update(
				"UPDATE trigger_state SET firing = FALSE, detail = ?, changed_at = ? WHERE trigger_name = ? AND edge = ? AND firing = TRUE",
				detail, Timestamp.from(now), trigger, edge) == 1;
	}

	List<TriggerState> all() {
		return jdbc.query("SELECT * FROM trigger_state ORDER BY trigger_name, edge",
				(rs, n) -> new TriggerState(rs.getString("trigger_name"), rs.getString("edge"), rs.getBoolean("firing"),
						rs.getTimestamp("since") == null ? null : rs.getTimestamp("since").toInstant(),
						rs.getString("detail"), rs.getTimestamp("changed_at").toInstant()));
	}

	Instant since(String trigger, String edge) {
		List<Timestamp> since = jdbc.queryForList("SELECT since FROM trigger_state WHERE trigger_name = ? AND edge = ?",
				Timestamp.class, trigger, edge);
		return since.isEmpty() || since.get(0) == null ? null : since.get(0).toInstant();
	}

}
