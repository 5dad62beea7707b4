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
 * Campaign truth with its version history. The current truth is the highest version; the
 * primary key (campaign, version) keeps two briefs from both becoming the same version.
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
		return jdbc
			.query("SELECT " + COLUMNS
					+ " FROM truth_version WHERE campaign = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY", rows,
					campaign)
			.stream()
			.findFirst();
	}

	@Override
	public Optional<Truth> version(String campaign, long version) {
		return jdbc
			.query("SELECT " + COLUMNS + " FROM truth_version WHERE campaign = ? AND version = ?", rows, campaign,
					version)
			.stream()
			.findFirst();
	}

	/** Every version, newest first. */
	public List<Truth> history(String campaign) {
		return jdbc.query("SELECT " + COLUMNS + " FROM truth_version WHERE campaign = ? ORDER BY version DESC", rows,
				campaign);
	}

	/**
	 * The campaigns whose truth changed last, newest first, each with the version before
	 * its current one (null for a campaign on its first version), so a list can say what
	 * changed last without a query per campaign.
	 */
	public List<Latest> latest(int limit) {
		return jdbc
			.query("SELECT cur.campaign, cur.version, cur.fields, cur.message_id, cur.recorded_at, prev.version AS prev_version, "
					+ "prev.fields AS prev_fields, prev.message_id AS prev_message_id, prev.recorded_at AS prev_recorded_at "
					+ "FROM truth_version cur LEFT JOIN truth_version prev ON prev.campaign = cur.campaign AND prev.version = "
					+ "(SELECT MAX(p.version) FROM truth_version p WHERE p.campaign = cur.campaign AND p.version < cur.version) "
					+ "WHERE cur.version = (SELECT MAX(m.version) FROM truth_version m WHERE m.campaign = cur.campaign) "
					+ "ORDER BY cur.recorded_at DESC, cur.campaign FETCH FIRST ? ROWS ONLY",
					(rs, n) -> new Latest(row(rs, n),
							rs.getString("prev_fields") == null ? null
									: truth(rs.getString("campaign"), rs.getLong("prev_version"),
											rs.getString("prev_fields"), rs.getString("prev_message_id"),
											rs.getTimestamp("prev_recorded_at"))),
					limit);
	}

	/**
	 * A campaign's current truth and the version before it.
	 *
	 * @param current the newest version
	 * @param previous the version before it, or null when there is none
	 */
	public record Latest(Truth current, Truth previous) {

		/**
		 * What the newest version changed from the one before; empty for a first version.
		 */
		public List<Truth.Change> changes() {
			return previous == null ? List.of() : current.changesFrom(previous);
		}
	}

	/**
	 * Records a new version; callers run it in the transaction that accepts the brief,
	 * and listeners write in it too.
	 */
	public void record(Truth truth) {
		Optional<Truth> previous = current(truth.campaign());
		jdbc.update("INSERT INTO truth_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", truth.campaign(),
				truth.version(), write(truth.fields()), truth.messageId(), Timestamp.from(truth.recordedAt()));
		events.publishEvent(new TruthRecorded(previous, truth));
	}

	private Truth row(ResultSet rs, int n) throws SQLException {
		return truth(rs.getString("campaign"), rs.getLong("version"), rs.getString("fields"),
				rs.getString("message_id"), rs.getTimestamp("recorded_at"));
	}

	private Truth truth(String campaign, long version, String fields, String messageId, Timestamp recordedAt)
			throws SQLException {
		try {
			return new Truth(campaign, version, (ObjectNode) mapper.readTree(fields), messageId,
					recordedAt.toInstant());
		}
		catch (JsonProcessingException e) {
			throw new SQLException("truth_version.fields of " + campaign + " is not JSON", e);
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
