package dev.handoff.edge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a poll of a tool's API remembers, per edge: where the last whole poll began (the
 * cursor) and every record it took, by id and content hash. Both outlive restarts and the
 * idempotency window.
 */
@Repository
class PollStore {

	private final JdbcTemplate jdbc;

	PollStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** When the last whole poll of the edge began; empty before the first. */
	Optional<Instant> since(String edge) {
		return jdbc
			.query("SELECT since FROM poll_cursor WHERE edge = ?", (rs, n) -> rs.getTimestamp("since").toInstant(),
					edge)
			.stream()
			.findFirst();
	}

	/**
	 * A whole poll that began then is stored: the next asks from there. The cursor only
	 * moves forward, so a slower poll of another instance sharing the database cannot
	 * move it back.
	 */
	void advance(String edge, Instant began) {
		Timestamp at = Timestamp.from(began);
		Timestamp now = Timestamp.from(Instant.now());
		if (jdbc.update("UPDATE poll_cursor SET since = ?, updated_at = ? WHERE edge = ? AND since < ?", at, now, edge,
				at) > 0) {
			return;
		}
		try {
			jdbc.update("INSERT INTO poll_cursor (edge, since, updated_at) VALUES (?, ?, ?)", edge, at, now);
		}
		catch (DuplicateKeyException e) {
			// the cursor is there already, at or past this poll's start
		}
	}

	boolean taken(String edge, String recordKey) {
		Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM poll_record WHERE edge = ? AND record_key = ?",
				Integer.class, edge, recordKey);
		return found != null && found > 0;
	}

	/**
	 * Must run in the transaction that stores the record's outcome: the memory and the
	 * outcome are kept together or not at all.
	 */
	void took(String edge, String recordKey) {
		jdbc.update("INSERT INTO poll_record (edge, record_key, taken_at) VALUES (?, ?, ?)", edge, recordKey,
				Timestamp.from(Instant.now()));
	}

}
