package dev.handoff.gate;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A held message as the list of held messages shows it.
 *
 * @param id the held message
 * @param edge the edge it came to
 * @param contract the contract whose gate holds it
 * @param campaign its campaign; null when it names none
 * @param version its brief version; null when it names none
 * @param reason the gate's reason
 * @param status {@code held}, {@code approved} or {@code declined}
 * @param size the bytes received
 * @param heldAt when it was held
 * @param decidedAt when a person decided; null while held
 * @param decidedBy who decided; null while held
 */
record HeldSummary(String id, String edge, String contract, @Schema(nullable = true) String campaign,
		@Schema(nullable = true) Long version, String reason, String status, int size, Instant heldAt,
		@Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decidedBy) {

	static HeldSummary of(Held h) {
		return new HeldSummary(h.id(), h.edge(), h.contract(), h.campaign(), h.version(), h.reason(), h.status(),
				h.payload().length, h.heldAt(), h.decidedAt(), h.decidedBy());
	}

}
