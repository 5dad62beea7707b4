package dev.handoff.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit trail.
 *
 * @param seq its place in the trail
 * @param at when it happened
 * @param actor who did it: a token's name, or {@code handoff} for what the service
 * decides itself
 * @param action {@code replay}, {@code edit}, {@code discard}, {@code bulk-replay},
 * {@code triage}, {@code approve}, {@code decline}, ...
 * @param subject what it was done to: a reject, held message, cause or bulk job id
 * @param outcome what came of it, e.g. {@code accepted}, {@code rejected},
 * {@code discarded}
 * @param detail the rest: reason, patch, new violations, counts
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subject, String outcome,
		Map<String, Object> detail) {
}
