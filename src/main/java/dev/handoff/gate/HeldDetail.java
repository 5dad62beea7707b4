package dev.handoff.gate;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.audit.AuditEntry;
import dev.handoff.reject.Redaction;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One held message, what approving it would send, and its history: what {@code GET
 * /api/held/{id}} answers. What a viewer may see of it is decided by the
 * {@link Redaction} it is built with, as for a reject.
 *
 * @param contractSha256 the contract's version whose gate holds it
 * @param contentType as the sender said; null when it said none
 * @param masked true when personal data is masked (a viewer's view)
 * @param payload the bytes received, as text
 * @param payloadBase64 the exact bytes, whatever they are; absent when masked
 * @param forwarded what approving it would send to the tool; absent for a brief
 * @param newTruth for a brief, the truth approving it would record
 * @param comment what the person who decided said; null while held
 * @param history the decisions on it, from the audit trail
 */
record HeldDetail(String id, String edge, String contract, @Schema(nullable = true) String campaign,
		@Schema(nullable = true) Long version, String reason, String status, int size, Instant heldAt,
		@Schema(nullable = true) Instant decidedAt, @Schema(nullable = true) String decidedBy, String contractSha256,
		@Schema(nullable = true) String contentType, boolean masked, String payload,
		@JsonInclude(JsonInclude.Include.NON_NULL) String payloadBase64,
		@JsonInclude(JsonInclude.Include.NON_NULL) String forwarded,
		@JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode newTruth, @Schema(nullable = true) String comment,
		List<AuditEntry> history) {

	static HeldDetail of(Held h, List<AuditEntry> history, Redaction redaction) {
		return new HeldDetail(h.id(), h.edge(), h.contract(), h.campaign(), h.version(), h.reason(), h.status(),
				h.payload().length, h.heldAt(), h.decidedAt(), h.decidedBy(), h.contractSha256(), h.contentType(),
				redaction.masked(), redaction.text(h.payload()), redaction.exact(h.payload()),
				redaction.text(h.forwarded()), h.newTruth(), h.comment(), history);
	}

}
