package dev.handoff.reject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.handoff.audit.AuditEntry;
import dev.handoff.guard.Violation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One reject, as received, with its violations and history: what {@code GET
 * /api/rejects/{id}} answers. What a viewer may see of it is decided by the
 * {@link Redaction} it is built with.
 *
 * @param contractSha256 the contract's version it was judged against
 * @param contentType as the sender said; null when it said none
 * @param declaredLength the Content-Length a too-large message declared; else null
 * @param source where it came from when not over HTTP (a topic and offset); else null
 * @param masked true when personal data is masked (a viewer's view)
 * @param mapped what the route's steps made of the payload, when they mapped it: the
 * message the guard judged, which the violations point into
 * @param payload the bytes received, as text
 * @param payloadBase64 the exact bytes, whatever they are; absent when masked
 * @param causes the causes it counts towards
 * @param deliveryId for a delivery reject, the outbox entry the tool refused
 * @param attempts for a delivery reject, each attempt to deliver it
 * @param history its arrival, then every replay, edit and discard from the audit trail
 */
record RejectDetail(String id, String edge, String contract, @Schema(nullable = true) String campaign,
		@Schema(allowableValues = {
				"open", "replayed", "discarded" }) String status,
		List<String> rules, int size, Instant receivedAt, String contractSha256,
		@Schema(nullable = true) String contentType, @Schema(nullable = true) Long declaredLength,
		@Schema(nullable = true) String source, boolean masked,
		@JsonInclude(JsonInclude.Include.NON_NULL) String mapped, String payload,
		@JsonInclude(JsonInclude.Include.NON_NULL) String payloadBase64, List<Violation> violations,
		List<String> causes, @JsonInclude(JsonInclude.Include.NON_NULL) String deliveryId,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<RejectStore.Attempt> attempts, List<HistoryStep> history){

	/**
	 * One step of a reject's history.
	 *
	 * @param actor who: {@code sender} (or the source) for its arrival, else the person
	 * or token
	 * @param action {@code rejected}, {@code replay}, {@code edit}, {@code discard}
	 * @param outcome what came of it
	 * @param detail the rest (rules, reason, patch, new violations); {@code {"masked":
	 * true}} for a viewer
	 */
	record HistoryStep(Instant at, String actor, String action, @Schema(nullable = true) String outcome,
			@Schema(nullable = true) Map<String, Object> detail) {
	}

	static RejectDetail of(Reject r, List<RejectStore.Attempt> attempts, List<AuditEntry> audit, Redaction redaction) {
		List<HistoryStep> history = new ArrayList<>();
		history.add(new HistoryStep(r.receivedAt(), r.source() == null ? "sender" : r.source(), "rejected",
				Reject.Status.OPEN.lowerCase(), Map.of("rules", RejectSummary.rules(r))));
		audit.forEach(entry -> history.add(new HistoryStep(entry.at(), entry.actor(), entry.action(), entry.outcome(),
				redaction.auditDetail(entry.detail()))));
		return new RejectDetail(r.id(), r.edge(), r.contract(), r.campaign(), r.status().lowerCase(),
				RejectSummary.rules(r), r.payload().length, r.receivedAt(), r.contractSha256(), r.contentType(),
				r.declaredLength(), r.source(), redaction.masked(), redaction.text(r.mapped()),
				redaction.text(r.payload()), redaction.exact(r.payload()), redaction.violations(r.violations()),
				CauseStore.keysOf(r).stream().map(Cause.Key::id).toList(), r.outboxId(),
				r.outboxId() == null ? null : attempts, history);
	}

}
