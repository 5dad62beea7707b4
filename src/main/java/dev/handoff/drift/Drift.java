package dev.handoff.drift;

import java.time.Instant;
import java.util.List;

/**
 * One edge behind the truth of one campaign: it last delivered a message built on an
 * older brief version than the current one, and fields it is built from changed since.
 *
 * @param campaign the campaign id
 * @param edge the edge
 * @param deliveredVersion the brief version of the last message it delivered
 * @param currentVersion the current brief version
 * @param behindSince when the first version that changed one of its fields was recorded
 * @param lastDeliveredAt when it last delivered this campaign
 * @param changes the fields it depends on that differ between the two versions, old and
 * new values
 * @param redo what must be done, in one sentence
 */
public record Drift(String campaign, String edge, long deliveredVersion, long currentVersion, Instant behindSince,
		Instant lastDeliveredAt, List<FieldChange> changes, String redo) {
}
