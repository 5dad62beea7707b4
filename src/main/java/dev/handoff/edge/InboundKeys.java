package dev.handoff.edge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The first answer per edge and idempotency key, within the window. */
@Repository
class InboundKeys {

	/** What the edge answered the first time. */
	record Answer(int status, byte[] body) {
	}

	private final JdbcTemplate jdbc;

	private final EdgeProperties properties;

	InboundKeys(JdbcTemplate jdbc, EdgeProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	Optional<Answer> find(String edge, String key) {
		return jdbc
			.query("SELECT status, answer FROM inbound_key WHERE edge = ? AND idem_key = ? AND created_at > ?",
					(rs, n) -> new Answer(rs.getInt("status"), rs.getBytes("answer")), edge, key,
					Timestamp.from(windowStart()))
			.stream()
			.findFirst();
	}

	/**
	 * Must run in the transaction that stores the outcome: a second sender of the same
	 * key fails here and rolls back.
	 */
	void remember(String edge, String key, int status, byte[] answer) {
		jdbc.update("DELETE FROM inbound_key WHERE edge = ? AND idem_key = ? AND created_at <= ?", edge, key,
				Timestamp.from(windowStart()));
		jdbc.update("INSERT INTO inbound_key (edge, idem_key, status, answer, created_at) VALUES (?, ?, ?, ?, ?)", edge,
				key, status, answer, Timestamp.from(Instant.now()));
	}

	int forgetExpired() {
		return jdbc.update("DELETE FROM inbound_key WHERE created_at <= ?", Timestamp.from(windowStart()));
	}

	private Instant windowStart() {
		return Instant.now().minus(properties.idempotencyWindow());
	}

}
