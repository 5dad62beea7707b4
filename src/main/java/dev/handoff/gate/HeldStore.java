package dev.handoff.gate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The held messages in the database. A decision is one conditional update, so of two
 * deciders exactly one wins.
 */
@Repository
public class HeldStore {

	private static final String COLUMNS = "id, edge, contract, contract_sha256, campaign, version, payload, content_type, forwarded, "
			+ "new_truth, target, reason, status, held_at, decided_at, decided_by, comment, target_options";

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	public HeldStore(JdbcTemplate jdbc, ObjectMapper mapper) {
		this.jdbc = jdbc;
		this.mapper = mapper;
	}

	public void insert(Held h) {
		jdbc.update("INSERT INTO held (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				h.id(), h.edge(), h.contract(), h.contractSha256(), h.campaign(), h.version(), h.payload(),
				h.contentType(), h.forwarded(), h.newTruth() == null ? null : write(h.newTruth()), h.target(),
				h.reason(), h.status(), Timestamp.from(h.heldAt()),
				h.decidedAt() == null ? null : Timestamp.from(h.decidedAt()), h.decidedBy(), h.comment(),
				h.targetOptions());
	}

	public Optional<Held> find(String id) {
		return jdbc.query("SELECT " + COLUMNS + " FROM held WHERE id = ?", this::row, id).stream().findFirst();
	}

	/**
	 * Records a decision on a message that is still held; false when someone decided it
	 * first.
	 */
	boolean decide(String id, String status, String actor, String comment) {
		return jdbc.update(
				"UPDATE held SET status = ?, decided_at = ?, decided_by = ?, comment = ? WHERE id = ? AND status = ?",
				status, Timestamp.from(Instant.now()), actor, comment, id, Held.HELD) == 1;
	}

	/**
	 * One page, newest first, of the messages in a status (null: any), narrowed by edge
	 * and campaign when given.
	 */
	Page list(String status, String edge, String campaign, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		List<Object> args = new ArrayList<>();
		condition(where, args, "status = ?", status);
		condition(where, args, "edge = ?", edge);
		condition(where, args, "campaign = ?", campaign);
		Long total = jdbc.queryForObject("SELECT COUNT(*) FROM held" + where, Long.class, args.toArray());
		args.add((long) page * size);
		args.add(size);
		List<Held> items = jdbc.query(
				"SELECT " + COLUMNS + " FROM held" + where + " ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
				this::row, args.toArray());
		return new Page(items, page, size, total == null ? 0 : total);
	}

	/** A page of held messages. */
	record Page(List<Held> items, int page, int size, long total) {
	}

	private static void condition(StringBuilder where, List<Object> args, String sql, String value) {
		if (value != null && !value.isBlank()) {
			where.append(" AND ").append(sql);
			args.add(value);
		}
	}

	private Held row(ResultSet rs, int n) throws SQLException {
		long version = rs.getLong("version");
		Long maybeVersion = rs.wasNull() ? null : version;
		String truth = rs.getString("new_truth");
		Timestamp decidedAt = rs.getTimestamp("decided_at");
		try {
			return new Held(rs.getString("id"), rs.getString("edge"), rs.getString("contract"),
					rs.getString("contract_sha256"), rs.getString("campaign"), maybeVersion, rs.getBytes("payload"),
					rs.getString("content_type"), rs.getBytes("forwarded"),
					truth == null ? null : (ObjectNode) mapper.readTree(truth), rs.getString("target"),
					rs.getString("reason"), rs.getString("status"), rs.getTimestamp("held_at").toInstant(),
					decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decided_by"),
					rs.getString("comment"), rs.getString("target_options"));
		}
		catch (JsonProcessingException e) {
			throw new SQLException("held " + rs.getString("id") + " has a new_truth that is not JSON", e);
		}
	}

	private String write(ObjectNode fields) {
		try {
			return mapper.writeValueAsString(fields);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("a Jackson tree always serialises", e);
		}
	}

}
