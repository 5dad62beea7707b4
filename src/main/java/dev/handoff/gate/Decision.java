package dev.handoff.gate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What came of a decision on a held message.
 *
 * @param id the held message
 * @param outcome {@code approved} or {@code declined}; {@code not-held} or {@code stale}
 * when nothing was changed
 * @param detail for {@code not-held} and {@code stale}, why, in words; else null
 * @param deliveryId for an approved message to a tool, the outbox entry it became (its
 * Idempotency-Key); else null
 * @param truthVersion for an approved brief, the truth version it became; else null
 * @param rejectId for a declined message, the reject it became; else null
 */
public record Decision(String id, String outcome, @Schema(nullable = true) String detail,
		@Schema(nullable = true) String deliveryId, @Schema(nullable = true) Long truthVersion,
		@Schema(nullable = true) String rejectId) {

	public static final String NOT_HELD = "not-held";

	public static final String STALE = "stale";

	/** Nothing was changed: it was decided already, or the truth moved on. */
	public boolean conflict() {
		return NOT_HELD.equals(outcome) || STALE.equals(outcome);
	}

	static Decision refused(String id, String outcome, String detail) {
		return new Decision(id, outcome, detail, null, null, null);
	}
}
