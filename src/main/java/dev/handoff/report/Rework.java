package dev.handoff.report;

/**
 * What people did to rejects: each attempt counts, so a reject replayed twice is two
 * replays.
 *
 * @param replays replays as stored (audit action {@code replay}), accepted or not
 * @param edits replays with a correction (audit action {@code edit}), accepted or not
 * @param discards rejects taken out of the queue
 * @param fixed rejects that became replayed, that is accepted on a replay
 */
public record Rework(long replays, long edits, long discards, long fixed) {
}
