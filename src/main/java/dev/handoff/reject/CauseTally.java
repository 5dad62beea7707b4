package dev.handoff.reject;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each cause's counts (total, open, first and last seen, newest example) in its
 * {@code cause_state} row, in the transaction that stores or closes a reject, so listing
 * causes reads one row per cause however long the queue.
 */
@Component
class CauseTally {

	private static final String COUNT = "UPDATE cause_state SET total = total + 1, open_count = open_count + ?, "
			+ "first_seen = CASE WHEN first_seen IS NULL OR first_seen > ? THEN ? ELSE first_seen END, "
			+ "last_seen = CASE WHEN last_seen IS NULL OR last_seen < ? THEN ? ELSE last_seen END, "
			+ "example_seq = CASE WHEN example_seq IS NULL OR example_seq < ? THEN ? ELSE example_seq END "
			+ "WHERE edge = ? AND rule = ? AND pointer = ?";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate savepoint;

	CauseTally(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** A reject came in with these causes; call inside the transaction that stores it. */
	void counted(List<Cause.Key> keys, long seq, Reject.Status status, Instant receivedAt) {
		Timestamp at = Timestamp.from(receivedAt);
		int open = status == Reject.Status.OPEN ? 1 : 0;
		for (Cause.Key key : keys) {
			if (count(key, seq, open, at) == 0) {
				makeRow(key);
				count(key, seq, open, at);
			}
		}
	}

	private int count(Cause.Key key, long seq, int open, Timestamp at) {
		return jdbc.update(COUNT, open, at, at, at, at, seq, seq, key.edge(), key.rule(), key.pointer());
	}

	/**
	 * Makes a new cause's row, with no decision and nothing counted yet. Behind a
	 * savepoint: when another transaction made it meanwhile, PostgreSQL would otherwise
	 * abort the transaction that stores the reject.
	 */
	private void makeRow(Cause.Key key) {
		try {
			savepoint.executeWithoutResult(tx -> jdbc.update(
					"INSERT INTO cause_state (edge, rule, pointer, state, changed_at, changed_by) "
							+ "VALUES (?, ?, ?, ?, ?, ?)",
					key.edge(), key.rule(), key.pointer(), Cause.OPEN, Timestamp.from(Instant.EPOCH), "handoff"));
		}
		catch (DuplicateKeyException raced) {
			// made by another transaction: counting into it is all that is left
		}
	}

	/**
	 * A reject left the queue (replayed or discarded): its causes have one open reject
	 * fewer.
	 */
	void closed(long seq) {
		jdbc.update(
				"UPDATE cause_state SET open_count = open_count - 1 WHERE EXISTS (SELECT 1 FROM reject_violation v WHERE v.reject_seq = ? "
						+ "AND v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer)",
				seq);
	}

}
