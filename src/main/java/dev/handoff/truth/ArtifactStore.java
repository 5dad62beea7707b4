package dev.handoff.truth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What each tool made for a campaign, by the id it answered: kept per edge and campaign
 * so that the next message updates the page or campaign that is live instead of making a
 * second one. Written as soon as the tool answers, in its own commit: a delivery that
 * fails after the tool made something must not make it again when it is retried.
 */
@Repository
public class ArtifactStore {

	/** One thing a tool made. */
	public record Artifact(String edge, String campaign, String id, String deliveryId, Instant updatedAt) {
	}

	private final JdbcTemplate jdbc;

	ArtifactStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<String> find(String edge, String campaign) {
		if (campaign == null) {
			return Optional.empty();
		}
		return jdbc
			.queryForList("SELECT artifact_id FROM artifact WHERE edge = ? AND campaign = ?", String.class, edge,
					campaign)
			.stream()
			.findFirst();
	}

	/** Remembers the id; a later one for the same edge and campaign replaces it. */
	public void remember(String edge, String campaign, String id, String deliveryId) {
		Timestamp now = Timestamp.from(Instant.now());
		if (jdbc.update(
				"UPDATE artifact SET artifact_id = ?, delivery_id = ?, updated_at = ? WHERE edge = ? AND campaign = ?",
				id, deliveryId, now, edge, campaign) == 0) {
			jdbc.update(
					"INSERT INTO artifact (edge, campaign, artifact_id, delivery_id, updated_at) VALUES (?, ?, ?, ?, ?)",
					edge, campaign, id, deliveryId, now);
		}
	}

	/** What the tools made for a campaign, for its truth page. */
	public List<Artifact> ofCampaign(String campaign) {
		return jdbc.query(
				"SELECT edge, campaign, artifact_id, delivery_id, updated_at FROM artifact WHERE campaign = ? ORDER BY edge",
				(rs, n) -> new Artifact(rs.getString("edge"), rs.getString("campaign"), rs.getString("artifact_id"),
						rs.getString("delivery_id"), rs.getTimestamp("updated_at").toInstant()),
				campaign);
	}

}
