package dev.handoff.reject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.guard.Violation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The rejected queue in the database: the reject row and one row per violation for filtering. */
@Repository
public class RejectStore {

	private static final String COLUMNS = "id, edge, contract, contract_sha256, campaign, payload, declared_length, content_type, "
			+ "violations, status, received_at, outbox_id, source";

	private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	public RejectStore(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	@Transactional
	public void insert(Reject reject) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			var statement = connection.prepareStatement("INSERT INTO reject (id, edge, contract, contract_sha256, campaign, payload, "
					+ "payload_size, declared_length, content_type, violations, status, received_at, outbox_id, source) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					new String[] { "seq" });
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
			statement.setString(11, reject.status());
			statement.setTimestamp(12, Timestamp.from(reject.receivedAt()));
			statement.setString(13, reject.outboxId());
			statement.setString(14, reject.source());
			return statement;
		}, keys);
		long seq = keys.getKey().longValue();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < reject.violations().size(); i++) {
			Violation v = reject.violations().get(i);
			rows.add(new Object[] { seq, i, v.rule(), v.pointer() });
		}
		jdbc.batchUpdate("INSERT INTO reject_violation (reject_seq, position, rule, pointer) VALUES (?, ?, ?, ?)", rows);
	}

	/** Marks an open reject replayed; false when it was no longer open (someone else replayed or discarded it). */
	public boolean markReplayed(String id, String acceptedAs) {
		return jdbc.update("UPDATE reject SET status = 'replayed', replayed_as = ?, status_changed_at = ? WHERE id = ? AND status = 'open'",
				acceptedAs, Timestamp.from(java.time.Instant.now()), id) == 1;
	}

	/** Marks an open reject discarded; false when it was no longer open. */
	public boolean markDiscarded(String id) {
		return jdbc.update("UPDATE reject SET status = 'discarded', status_changed_at = ? WHERE id = ? AND status = 'open'",
				Timestamp.from(java.time.Instant.now()), id) == 1;
	}

	/** Each attempt to deliver an outbox entry, in order: number, time, status (0 no answer, -1 not sent) and outcome. */
	public List<Map<String, Object>> attempts(String outboxId) {
		return jdbc.query("SELECT attempt, attempted_at, status, outcome FROM delivery_attempt WHERE outbox_id = ? ORDER BY seq",
				(rs, n) -> Map.<String, Object>of("attempt", rs.getInt("attempt"), "at", rs.getTimestamp("attempted_at").toInstant(), "status",
						rs.getInt("status"), "outcome", String.valueOf(rs.getString("outcome"))),
				outboxId);
	}

	public Optional<Reject> find(String id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM reject WHERE id = ?", this::row, id).stream().findFirst();
	}

	/** The ids a filter selects, oldest first, at most {@code limit}. */
	public List<String> ids(RejectFilter filter, int limit) {
		List<Object> args = new ArrayList<>();
		String where = where(filter, args);
		args.add(limit);
		return jdbc.queryForList("SELECT id FROM reject" + where + " ORDER BY seq FETCH FIRST ? ROWS ONLY", String.class, args.toArray());
	}

	private static String where(RejectFilter filter, List<Object> args) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		condition(where, args, "edge = ?", filter.edge());
		condition(where, args, "status = ?", filter.status());
		condition(where, args, "campaign = ?", filter.campaign());
		if (filter.pointer() != null && filter.rule() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM reject_violation v WHERE v.reject_seq = reject.seq AND v.rule = ? AND v.pointer = ?)");
			args.add(filter.rule());
			args.add(filter.pointer());
		}
		else {
			condition(where, args, "EXISTS (SELECT 1 FROM reject_violation v WHERE v.reject_seq = reject.seq AND v.rule = ?)", filter.rule());
		}
		if (filter.since() != null) {
			where.append(" AND received_at >= ?");
			args.add(Timestamp.from(filter.since()));
		}
		if (filter.until() != null) {
			where.append(" AND received_at < ?");
			args.add(Timestamp.from(filter.until()));
		}
		return where.toString();
	}

	/** One page, newest first, and how many match in all. */
	public Page list(RejectFilter filter, int page, int size) {
		List<Object> args = new ArrayList<>();
		String where = where(filter, args);
		Long total = jdbc.queryForObject("SELECT COUNT(*) FROM reject" + where, Long.class, args.toArray());
		List<Object> pageArgs = new ArrayList<>(args);
		pageArgs.add((long) page * size);
		pageArgs.add(size);
		List<Reject> items = jdbc.query("SELECT " + COLUMNS + " FROM reject" + where + " ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
				this::row, pageArgs.toArray());
		return new Page(items, page, size, total == null ? 0 : total);
	}

	/** A page of rejects. */
	public record Page(List<Reject> items, int page, int size, long total) {
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
			return new Reject(rs.getString("id"), rs.getString("edge"), rs.getString("contract"), rs.getString("contract_sha256"),
					rs.getString("campaign"), rs.getBytes("payload"), declaredLength, rs.getString("content_type"),
					mapper.readValue(rs.getString("violations"), VIOLATIONS), rs.getString("status"),
					rs.getTimestamp("received_at").toInstant(), rs.getString("outbox_id"), rs.getString("source"));
		}
		catch (JsonProcessingException e) {
			throw new SQLException("reject " + rs.getString("id") + " has violations that are not JSON", e);
		}
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
