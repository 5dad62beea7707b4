package dev.handoff.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The audit trail: appended in the same transaction as the change it records, read by
 * subject or page by page.
 */
@Repository
public class AuditLog {

	/** The actor for what the service decides on its own (a cause resolving itself). */
	public static final String SERVICE = "handoff";

	private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	public AuditLog(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	public void record(String actor, String action, String subject, String outcome, Map<String, Object> detail) {
		jdbc.update("INSERT INTO audit (at, actor, action, subject, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)",
				Timestamp.from(Instant.now()), actor, action, subject, outcome, write(detail));
	}

	/** Everything done to one subject, oldest first. */
	public List<AuditEntry> forSubject(String subject) {
		return jdbc.query("SELECT * FROM audit WHERE subject = ? ORDER BY seq", this::row, subject);
	}

	/** One page of the trail, newest first, narrowed by actor and action when given. */
	public List<AuditEntry> page(String actor, String action, Instant since, long beforeSeq, int size) {
		StringBuilder sql = new StringBuilder("SELECT * FROM audit WHERE seq < ?");
		List<Object> args = new ArrayList<>(List.of(beforeSeq));
		if (actor != null && !actor.isBlank()) {
			sql.append(" AND actor = ?");
			args.add(actor);
		}
		if (action != null && !action.isBlank()) {
			sql.append(" AND action = ?");
			args.add(action);
		}
		if (since != null) {
			sql.append(" AND at >= ?");
			args.add(Timestamp.from(since));
		}
		sql.append(" ORDER BY seq DESC FETCH FIRST ? ROWS ONLY");
		args.add(size);
		return jdbc.query(sql.toString(), this::row, args.toArray());
	}

	private AuditEntry row(ResultSet rs, int n) throws SQLException {
		try {
			return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
					rs.getString("action"), rs.getString("subject"), rs.getString("outcome"),
					mapper.readValue(rs.getString("detail"), DETAIL));
		}
		catch (JsonProcessingException e) {
			throw new SQLException("audit row " + rs.getLong("seq") + " has a detail that is not JSON", e);
		}
	}

	private String write(Map<String, Object> detail) {
		try {
			return mapper.writeValueAsString(detail == null ? Map.of() : detail);
		}
		catch (JsonProcessingException e) {
			throw new IllegalArgumentException("audit detail must serialise to JSON", e);
		}
	}

}
