package dev.handoff.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox table: rows are written with the acceptance and updated by the dispatcher.
 */
@Repository
public class OutboxStore {

	private static final String COLUMNS = "id, edge, contract, contract_sha256, campaign, version, target, payload, status, attempts, "
			+ "next_attempt_at, last_outcome, message, options";

	private final JdbcTemplate jdbc;

	public OutboxStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a row that any instance's poll may claim. */
	public void insert(OutboxEntry e) {
		insert(e, null, null);
	}

	/**
	 * Stores a row already leased to {@code instance} until {@code leaseUntil}: no poll
	 * claims it while the lease holds, so the instance can send it from memory; if the
	 * instance dies, the lease runs out and any instance claims it.
	 */
	public void insert(OutboxEntry e, String instance, Instant leaseUntil) {
		jdbc.update("INSERT INTO outbox (" + COLUMNS
				+ ", created_at, leased_by, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				e.id(), e.edge(), e.contract(), e.contractSha256(), e.campaign(), e.version(), e.target(), e.payload(),
				e.status(), e.attempts(), Timestamp.from(e.nextAttemptAt()), e.lastOutcome(), e.message(), e.options(),
				Timestamp.from(Instant.now()), instance, leaseUntil == null ? null : Timestamp.from(leaseUntil));
	}

	/**
	 * Claims up to {@code limit} due rows for this instance until {@code leaseUntil}.
	 * Each claim is one conditional update, so of several instances exactly one gets a
	 * row, on H2 and PostgreSQL alike; a row whose lease ran out (its instance died
	 * mid-send) can be claimed again. The updates of one claim commit together: one
	 * durable write for the batch instead of one per row (the top cost of delivering,
	 * measured in bench/RESULTS.md); a competing instance waits for the commit and then
	 * finds the row taken.
	 */
	@Transactional
	public List<OutboxEntry> claim(Instant now, int limit, String instance, Instant leaseUntil) {
		List<OutboxEntry> candidates = jdbc.query("SELECT " + COLUMNS
				+ " FROM outbox WHERE status = ? AND next_attempt_at <= ? "
				+ "AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at, seq FETCH FIRST ? ROWS ONLY",
				this::row, OutboxEntry.PENDING, Timestamp.from(now), Timestamp.from(now), limit);
		return candidates.stream()
			.filter(e -> jdbc.update(
					"UPDATE outbox SET lease_until = ?, leased_by = ? WHERE id = ? AND status = ? "
							+ "AND (lease_until IS NULL OR lease_until < ?)",
					Timestamp.from(leaseUntil), instance, e.id(), OutboxEntry.PENDING, Timestamp.from(now)) == 1)
			.toList();
	}

	/**
	 * Extends this instance's lease on rows it still holds, one row per statement: each
	 * update commits at once and never waits on a row while holding another, so it cannot
	 * deadlock with the outcomes being written meanwhile. A row whose outcome was written
	 * meanwhile holds no lease any more and is left alone.
	 */
	public void renew(List<String> ids, String instance, Instant leaseUntil) {
		for (String id : ids) {
			jdbc.update(
					"UPDATE outbox SET lease_until = ? WHERE id = ? AND leased_by = ? AND status = ? AND lease_until IS NOT NULL",
					Timestamp.from(leaseUntil), id, instance, OutboxEntry.PENDING);
		}
	}

	/**
	 * Gives back the rows an instance still holds, so that another can take them at once;
	 * for a clean stop.
	 */
	public int release(String instance) {
		return jdbc.update(
				"UPDATE outbox SET lease_until = NULL, leased_by = NULL WHERE leased_by = ? AND status = ? AND lease_until IS NOT NULL",
				instance, OutboxEntry.PENDING);
	}

	public Optional<OutboxEntry> find(String id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM outbox WHERE id = ?", this::row, id).stream().findFirst();
	}

	/**
	 * One attempt at sending a row.
	 *
	 * @param id the row's id
	 * @param attempt which attempt this was, from 1
	 * @param status the tool's status; 0 when no answer came, -1 when nothing was sent
	 * @param outcome what came back, in short
	 */
	public record Attempted(String id, int attempt, int status, String outcome) {
	}

	/** Marks rows delivered by the attempts given, in one batch of statements. */
	public void delivered(List<Attempted> attempts) {
		if (attempts.isEmpty()) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.batchUpdate(
				"UPDATE outbox SET status = ?, attempts = ?, last_outcome = ?, delivered_at = ?, lease_until = NULL WHERE id = ?",
				attempts.stream()
					.map(a -> new Object[] { OutboxEntry.DELIVERED, a.attempt(), a.outcome(), now, a.id() })
					.toList());
	}

	/**
	 * Keeps, per edge and campaign, the newest brief version delivered (a row of
	 * {@code delivered_version}), for the entries just marked delivered that carry a
	 * campaign and a version: one statement per edge and campaign, in the caller's
	 * transaction. Two instances delivering an edge's first message of a campaign at the
	 * same moment can both insert; the loser's transaction fails and its messages are
	 * sent again after their lease, under the same key.
	 */
	public void deliveredVersions(List<OutboxEntry> delivered) {
		Map<List<String>, Long> newest = new HashMap<>();
		for (OutboxEntry e : delivered) {
			if (e.campaign() != null && e.version() != null) {
				newest.merge(List.of(e.edge(), e.campaign()), e.version(), Math::max);
			}
		}
		Timestamp now = Timestamp.from(Instant.now());
		newest.forEach((key, version) -> {
			if (jdbc.update(
					"UPDATE delivered_version SET version = GREATEST(version, ?), delivered_at = ? WHERE edge = ? AND campaign = ?",
					version, now, key.get(0), key.get(1)) == 0) {
				jdbc.update("INSERT INTO delivered_version (edge, campaign, version, delivered_at) VALUES (?, ?, ?, ?)",
						key.get(0), key.get(1), version, now);
			}
		});
	}

	public void retryAt(String id, int attempts, String outcome, Instant next) {
		jdbc.update(
				"UPDATE outbox SET attempts = ?, last_outcome = ?, next_attempt_at = ?, lease_until = NULL WHERE id = ?",
				attempts, outcome, Timestamp.from(next), id);
	}

	/** Keeps the history of the attempts given, in one batch of statements. */
	public void recordAttempts(List<Attempted> attempts) {
		if (attempts.isEmpty()) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.batchUpdate(
				"INSERT INTO delivery_attempt (outbox_id, attempt, attempted_at, status, outcome) VALUES (?, ?, ?, ?, ?)",
				attempts.stream()
					.map(a -> new Object[] { a.id(), a.attempt(), now, a.status(),
							a.outcome().length() > 1000 ? a.outcome().substring(0, 1000) : a.outcome() })
					.toList());
	}

	/**
	 * Puts a failed entry back in line with a new payload and a fresh retry schedule; it
	 * keeps its id, so the tool sees the same Idempotency-Key. The attempts before stay
	 * in the history. The target is the one the replay's route reached, which a choice
	 * may have changed.
	 */
	public boolean requeue(String id, String target, String options, byte[] payload, byte[] message) {
		return jdbc.update(
				"UPDATE outbox SET status = ?, target = ?, options = ?, payload = ?, message = ?, attempts = 0, next_attempt_at = ? "
						+ "WHERE id = ? AND status = ?",
				OutboxEntry.PENDING, target, options, payload, message, Timestamp.from(Instant.now()), id,
				OutboxEntry.FAILED) == 1;
	}

	public void failed(String id, int attempts, String outcome) {
		jdbc.update("UPDATE outbox SET status = ?, attempts = ?, last_outcome = ?, lease_until = NULL WHERE id = ?",
				OutboxEntry.FAILED, attempts, outcome, id);
	}

	/**
	 * A row as the retention reads it.
	 *
	 * @param deliveredAt when it was delivered, null while it is not
	 */
	public record Aged(long seq, String id, String status, Instant createdAt, Instant deliveredAt) {
	}

	/** The rows after a sequence number, oldest first. */
	public List<Aged> after(long seq, int limit) {
		return jdbc.query(
				"SELECT seq, id, status, created_at, delivered_at FROM outbox WHERE seq > ? ORDER BY seq FETCH FIRST ? ROWS ONLY",
				(rs, n) -> {
					Timestamp delivered = rs.getTimestamp("delivered_at");
					return new Aged(rs.getLong("seq"), rs.getString("id"), rs.getString("status"),
							rs.getTimestamp("created_at").toInstant(),
							delivered == null ? null : delivered.toInstant());
				}, seq, limit);
	}

	/**
	 * Of these rows, those a reject names: a delivery failure that was replayed is
	 * delivered under its own row, which the reject's history reads.
	 */
	public Set<String> namedByRejects(List<String> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
		return new HashSet<>(jdbc.queryForList("SELECT outbox_id FROM reject WHERE outbox_id IN (" + marks + ")",
				String.class, ids.toArray()));
	}

	/**
	 * Deletes rows and their attempts' history, in the caller's transaction, in two
	 * batches of statements.
	 */
	public void delete(List<String> ids) {
		List<Object[]> args = ids.stream().map(id -> new Object[] { id }).toList();
		jdbc.batchUpdate("DELETE FROM delivery_attempt WHERE outbox_id = ?", args);
		jdbc.batchUpdate("DELETE FROM outbox WHERE id = ? AND status = '" + OutboxEntry.DELIVERED + "'", args);
	}

	private OutboxEntry row(ResultSet rs, int n) throws SQLException {
		long version = rs.getLong("version");
		Long v = rs.wasNull() ? null : version;
		return new OutboxEntry(rs.getString("id"), rs.getString("edge"), rs.getString("contract"),
				rs.getString("contract_sha256"), rs.getString("campaign"), v, rs.getString("target"),
				rs.getBytes("payload"), rs.getString("status"), rs.getInt("attempts"),
				rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_outcome"), rs.getBytes("message"),
				rs.getString("options"));
	}

}
