package dev.handoff.truth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Campaign truth with its version history. The current truth is the highest version; the primary key
 * (campaign, version) keeps two briefs from both becoming the same version.
 */
@Repository
public class TruthStore implements TruthLookup {

	private static final String COLUMNS = "campaign, version, fields, message_id, recorded_at";

	private final JdbcTemplate jdbc;

	private final ObjectMapper mapper;

	private final RowMapper<Truth> rows = this::row;

	private final ApplicationEventPublisher events;

	public TruthStore(JdbcTemplate jdbc, ObjectMapper mapper, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.mapper = mapper;
		this.events = events;
	}

	@Override
	public Optional<Truth> current(String campaign) {
		return jdbc.query("SELECT " + COLUMNS + " FROM truth_version WHERE campaign = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY",
				rows, campaign).stream().findFirst();
	}

	@Override
	public Optional<Truth> version(String campaign, long version) {
		return jdbc.query("SELECT " + COLUMNS + " FROM truth_version WHERE campaign = ? AND version = ?", rows, campaign, version)
			.stream()
			.findFirst();
	}

	/** Every version, newest first. */
	public List<Truth> history(String campaign) {
		return jdbc.query("SELECT " + COLUMNS + " FROM truth_version WHERE campaign = ? ORDER BY version DESC", rows, campaign);
	}

	/** Records a new version; callers run it in the transaction that accepts the brief, and listeners write in it too. */
	public void record(Truth truth) {
		Optional<Truth> previous = current(truth.campaign());
		jdbc.update("INSERT INTO truth_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", truth.campaign(), truth.version(),
				write(truth.fields()), truth.messageId(), Timestamp.from(truth.recordedAt()));
		events.publishEvent(new TruthRecorded(previous, truth));
	}

	private Truth row(ResultSet rs, int n) throws SQLException {
		try {
			return new Truth(rs.getString("campaign"), rs.getLong("version"), (ObjectNode) mapper.readTree(rs.getString("fields")),
					rs.getString("message_id"), rs.getTimestamp("recorded_at").toInstant());
		}
		catch (JsonProcessingException e) {
			throw new SQLException("truth_version.fields of " + rs.getString("campaign") + " is not JSON", e);
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
