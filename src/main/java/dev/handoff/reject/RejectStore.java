package dev.handoff.reject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.guard.Violation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rejected queue in the database: the reject row and one row per violation for
 * filtering.
 */
@Repository
public class RejectStore {

	private static final String COLUMNS = "id, edge, contract, contract_sha256, campaign, payload, declared_length, content_type, "
			+ "violations, status, received_at, outbox_id, source, mapped";

	private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
	};

	/**
	 * How far a page's total is counted. Counting costs a step per matching reject (about
	 * 5 µs on H2, so 4 s for 850 000 open rejects); past this many a person needs a
	 * narrower filter, not the exact number.
	 */
	public static final int COUNT_LIMIT = 10_000;

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	private final CauseTally tally;

	RejectStore(JdbcTemplate jdbc, ObjectMapper mapper, CauseTally tally) {
		this.jdbc = jdbc;
		this.mapper = mapper;
		this.tally = tally;
	}

	@Transactional
	public void insert(Reject reject) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			var statement = connection
				.prepareStatement("INSERT INTO reject (id, edge, contract, contract_sha256, campaign, payload, "
						+ "payload_size, declared_length, content_type, violations, status, received_at, outbox_id, source, mapped) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] { "seq" });
			statement.setString(1, reject.id());
			statement.setString(2, reject.edge());
			statement.setString(3, reject.contract());
			statement.setString(4, reject.contractSha256());
			statement.setString(5, reject.campaign());
			statement.setBytes(6, reject.payload());
			statement.setLong(7, reject.payload().length);
			statement.setObject(8, reject.declaredLength());
			statement.setString(9, reject.contentType());
			statement.setString(10, write(reject.violations()));
			statement.setString(11, reject.status().lowerCase());
			statement.setTimestamp(12, Timestamp.from(reject.receivedAt()));
			statement.setString(13, reject.outboxId());
			statement.setString(14, reject.source());
			statement.setBytes(15, reject.mapped());
			return statement;
		}, keys);
		long seq = keys.getKey().longValue();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < reject.violations().size(); i++) {
			Violation v = reject.violations().get(i);
			rows.add(new Object[] { seq, i, v.rule(), v.pointer(), reject.edge(), reject.status().lowerCase(),
					Timestamp.from(reject.receivedAt()) });
		}
		jdbc.batchUpdate(
				"INSERT INTO reject_violation (reject_seq, position, rule, pointer, edge, status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				rows);
		tally.counted(CauseStore.keysOf(reject), seq, reject.status(), reject.receivedAt());
	}

	/**
	 * Marks an open reject replayed; false when it was no longer open (someone else
	 * replayed or discarded it).
	 */
	@Transactional
	public boolean markReplayed(String id, String acceptedAs) {
		return changed(id, Reject.Status.REPLAYED,
				jdbc.update("UPDATE reject SET status = 'replayed', replayed_as = ?, status_changed_at = ? "
						+ "WHERE id = ? AND status = 'open'", acceptedAs, Timestamp.from(Instant.now()), id));
	}

	/** Marks an open reject discarded; false when it was no longer open. */
	@Transactional
	public boolean markDiscarded(String id) {
		return changed(id, Reject.Status.DISCARDED, jdbc.update(
				"UPDATE reject SET status = 'discarded', status_changed_at = ? WHERE id = ? AND status = 'open'",
				Timestamp.from(Instant.now()), id));
	}

	/**
	 * When the reject left the queue, its violations take its new status too (they carry
	 * it for the queue's indexes) and its causes count one open reject fewer.
	 */
	private boolean changed(String id, Reject.Status status, int rows) {
		if (rows != 1) {
			return false;
		}
		long seq = jdbc.queryForObject("SELECT seq FROM reject WHERE id = ?", Long.class, id);
		jdbc.update("UPDATE reject_violation SET status = ? WHERE reject_seq = ?", status.lowerCase(), seq);
		tally.closed(seq);
		return true;
	}

	/**
	 * Each attempt to deliver an outbox entry, in order: number, time, status (0 no
	 * answer, -1 not sent) and outcome.
	 */
	public List<Attempt> attempts(String outboxId) {
		return jdbc.query(
				"SELECT attempt, attempted_at, status, outcome FROM delivery_attempt WHERE outbox_id = ? ORDER BY seq",
				(rs, n) -> new Attempt(rs.getInt("attempt"), rs.getTimestamp("attempted_at").toInstant(),
						rs.getInt("status"), String.valueOf(rs.getString("outcome"))),
				outboxId);
	}

	/**
	 * One attempt to deliver an outbox entry.
	 *
	 * @param attempt its number, from 1
	 * @param status the tool's HTTP status; 0 no answer, -1 not sent
	 * @param outcome what came of it, in words
	 */
	public record Attempt(int attempt, Instant at, int status, String outcome) {
	}

	public Optional<Reject> find(String id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM reject WHERE id = ?", this::row, id).stream().findFirst();
	}

	/** The ids a filter selects, oldest first, at most {@code limit}. */
	public List<String> ids(RejectFilter filter, int limit) {
		Selection selection = Selection.of(filter);
		List<Long> seqs = jdbc.queryForList(selection.seqs("ASC") + " FETCH FIRST ? ROWS ONLY", Long.class,
				selection.args(limit));
		Map<Long, String> ids = new HashMap<>();
		inChunks(seqs, (marks, chunk) -> jdbc.query("SELECT seq, id FROM reject WHERE seq IN (" + marks + ")",
				(RowCallbackHandler) rs -> ids.put(rs.getLong("seq"), rs.getString("id")), chunk.toArray()));
		return seqs.stream().map(ids::get).toList();
	}

	/**
	 * One page, newest first, and how many match in all (counted up to
	 * {@link #COUNT_LIMIT}).
	 */
	public Page list(RejectFilter filter, int page, int size) {
		Selection selection = Selection.of(filter);
		long total = jdbc.queryForObject(selection.count(), Long.class, selection.args(COUNT_LIMIT + 1));
		// the page's seqs come from an index alone; only those rows are read, not the
		// payloads of the pages before it
		String newest = total > COUNT_LIMIT && selection.walk() != null ? selection.walk() : selection.seqs("DESC");
		List<Long> seqs = jdbc.queryForList(newest + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", Long.class,
				selection.args((long) page * size, size));
		List<Reject> items = new ArrayList<>();
		inChunks(seqs,
				(marks, chunk) -> items.addAll(
						jdbc.query("SELECT " + COLUMNS + " FROM reject WHERE seq IN (" + marks + ") ORDER BY seq DESC",
								this::row, chunk.toArray())));
		return new Page(items, page, size, Math.min(total, COUNT_LIMIT), total <= COUNT_LIMIT);
	}

	private static void inChunks(List<Long> seqs, BiConsumer<String, List<Long>> query) {
		for (int from = 0; from < seqs.size(); from += 500) {
			List<Long> chunk = seqs.subList(from, Math.min(seqs.size(), from + 500));
			query.accept(String.join(", ", Collections.nCopies(chunk.size(), "?")), chunk);
		}
	}

	/**
	 * The SQL that selects a filter's rejects by seq. With a rule it reads the
	 * violations, which carry edge and status (one index range); a reject with two
	 * violations of the rule counts once.
	 */
	private record Selection(String from, String seq, List<Object> where, String walk) {

		static Selection of(RejectFilter filter) {
			List<Object> args = new ArrayList<>();
			if (filter.rule() == null || filter.rule().isBlank()) {
				StringBuilder sql = new StringBuilder(" FROM reject WHERE 1 = 1");
				StringBuilder walk = new StringBuilder("SELECT seq FROM reject WHERE 1 = 1");
				condition(sql, args, "edge = ?", filter.edge());
				condition(walk, new ArrayList<>(), "edge || '' = ?", filter.edge());
				condition(sql, args, "status = ?", lowerCase(filter.status()));
				condition(walk, new ArrayList<>(), "status || '' = ?", lowerCase(filter.status()));
				onReject(sql, args, filter);
				// Newest first by edge or status: H2 sorts every match to find a page (3
				// s for 850 000 open rejects). When
				// at least COUNT_LIMIT match, walking the primary key from the newest
				// meets a page of them long before;
				// "|| ''" keeps the planner off the (edge|status, seq) indexes, which
				// cannot give that order.
				boolean walkable = filter.campaign() == null && filter.since() == null && filter.until() == null;
				return new Selection(sql.toString(), "seq", args, walkable ? walk + " ORDER BY seq DESC" : null);
			}
			StringBuilder sql = new StringBuilder(" FROM reject_violation v WHERE v.rule = ?");
			args.add(filter.rule());
			condition(sql, args, "v.pointer = ?", filter.pointer());
			condition(sql, args, "v.edge = ?", filter.edge());
			condition(sql, args, "v.status = ?", lowerCase(filter.status()));
			if (filter.campaign() != null || filter.since() != null || filter.until() != null) {
				StringBuilder reject = new StringBuilder();
				onReject(reject, args, filter);
				sql.append(" AND EXISTS (SELECT 1 FROM reject WHERE reject.seq = v.reject_seq")
					.append(reject)
					.append(')');
			}
			return new Selection(sql.toString(), "v.reject_seq", args, null);
		}

		/** Conditions only the reject row has: campaign and when it came. */
		private static void onReject(StringBuilder sql, List<Object> args, RejectFilter filter) {
			condition(sql, args, "campaign = ?", filter.campaign());
			if (filter.since() != null) {
				sql.append(" AND received_at >= ?");
				args.add(Timestamp.from(filter.since()));
			}
			if (filter.until() != null) {
				sql.append(" AND received_at < ?");
				args.add(Timestamp.from(filter.until()));
			}
		}

		/**
		 * Counts at most as many as its one argument after the filter's: an exact count
		 * costs a step per match.
		 */
		String count() {
			return "SELECT COUNT(*) FROM (SELECT " + (seq.equals("seq") ? "" : "DISTINCT ") + seq + from
					+ " FETCH FIRST ? ROWS ONLY) counted";
		}

		String seqs(String order) {
			return "SELECT " + (seq.equals("seq") ? "" : "DISTINCT ") + seq + from + " ORDER BY " + seq + " " + order;
		}

		Object[] args(Object... more) {
			List<Object> all = new ArrayList<>(where);
			all.addAll(List.of(more));
			return all.toArray();
		}
	}

	/**
	 * A page of rejects.
	 *
	 * @param total how many match, or {@link #COUNT_LIMIT} when at least that many do
	 * @param totalExact false when {@code total} is the limit and more match
	 */
	public record Page(List<Reject> items, int page, int size, long total, boolean totalExact) {
	}

	private static void condition(StringBuilder where, List<Object> args, String sql, String value) {
		if (value != null && !value.isBlank()) {
			where.append(" AND ").append(sql);
			args.add(value);
		}
	}

	private Reject row(ResultSet rs, int n) throws SQLException {
		long declared = rs.getLong("declared_length");
		Long declaredLength = rs.wasNull() ? null : declared;
		try {
			return new Reject(rs.getString("id"), rs.getString("edge"), rs.getString("contract"),
					rs.getString("contract_sha256"), rs.getString("campaign"), rs.getBytes("payload"), declaredLength,
					rs.getString("content_type"), mapper.readValue(rs.getString("violations"), VIOLATIONS),
					status(rs.getString("status")), rs.getTimestamp("received_at").toInstant(),
					rs.getString("outbox_id"), rs.getString("source"), rs.getBytes("mapped"));
		}
		catch (JsonProcessingException e) {
			throw new SQLException("reject " + rs.getString("id") + " has violations that are not JSON", e);
		}
	}

	private static String lowerCase(Reject.Status status) {
		return status == null ? null : status.lowerCase();
	}

	private static Reject.Status status(String stored) {
		return Reject.Status.of(stored)
			.orElseThrow(() -> new IllegalStateException("a reject has the unknown status '" + stored + "'"));
	}

	private String write(List<Violation> violations) {
		try {
			return mapper.writeValueAsString(violations);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("violations always serialise", e);
		}
	}

}
