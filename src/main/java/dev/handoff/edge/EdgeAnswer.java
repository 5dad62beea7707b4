package dev.handoff.edge;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.handoff.gate.Held;
import dev.handoff.guard.Verdict;
import dev.handoff.guard.Violation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an edge answers its sender: accepted (202), held at a human gate (202), rejected
 * (422) or, for a batch edge, what became of each event (202, or 422 when none was
 * taken). Built only by the named factories, so each outcome has one shape; a field that
 * means nothing for an outcome is left out of its JSON.
 *
 * <p>
 * {@code campaign} and {@code version} are the one tri-state pair: an accepted or held
 * answer always names them, as null when the message has none, while a rejected or batch
 * answer leaves them out. Hence {@link Optional}: null leaves the field out,
 * {@code Optional.empty()} writes a JSON null.
 *
 * @param id the message (the outbox entry, the held message or the reject); for a batch,
 * the first delivery, null when no event was accepted
 * @param edge the edge that answered
 * @param outcome {@code accepted}, {@code held} or {@code rejected}; for a batch also
 * {@code partly accepted} and {@code already taken}
 * @param status held only: {@code held}
 * @param reason held only: the gate's reason
 * @param campaign accepted or held only: the campaign, null when the message names none
 * @param version accepted or held only: the brief version, null when the message names
 * none
 * @param generated accepted or held only: pointers of the values Handoff filled in
 * @param rewritten accepted or held only: pointers of the links Handoff rewrote
 * @param violations rejected only: what is wrong
 * @param accepted batch only: how many events were accepted
 * @param rejected batch only: the events rejected, each kept as a reject
 * @param held batch only, when any: the events held at a human gate
 * @param alreadyTaken batch only, when any: how many events had been taken before (by
 * their idempotency key)
 */
@JsonPropertyOrder({ "id", "edge", "outcome", "status", "reason", "campaign", "version", "generated", "rewritten",
		"violations", "accepted", "rejected", "held", "alreadyTaken" })
public record EdgeAnswer(@Schema(nullable = true) String id, String edge, @Schema(allowableValues = {
		"accepted", Held.HELD, "rejected", PARTLY_ACCEPTED, ALREADY_TAKEN }) String outcome,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(allowableValues = Held.HELD) String status,
		@JsonInclude(JsonInclude.Include.NON_NULL) String reason,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(implementation = String.class,
				nullable = true) Optional<String> campaign,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(implementation = Long.class, format = "int64",
				nullable = true) Optional<Long> version,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<String> generated,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<String> rewritten,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<Violation> violations,
		@JsonInclude(JsonInclude.Include.NON_NULL) Integer accepted,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<RejectedEvent> rejected,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<HeldEvent> held,
		@JsonInclude(JsonInclude.Include.NON_NULL) Integer alreadyTaken){

	static final String PARTLY_ACCEPTED = "partly accepted";

	static final String ALREADY_TAKEN = "already taken";

	/** An event of a batch that was rejected, at its index in the batch. */
	public record RejectedEvent(int index, String id, List<Violation> violations) {
	}

	/** An event of a batch that a gate holds, at its index in the batch. */
	public record HeldEvent(int index, String id, String reason) {
	}

	/** Accepted and queued for the next tool (or recorded as the truth). */
	static EdgeAnswer accepted(String id, String edge, Verdict verdict) {
		return new EdgeAnswer(id, edge, "accepted", null, null, Optional.ofNullable(verdict.campaign()),
				Optional.ofNullable(verdict.version()), verdict.generated(), verdict.rewritten(), null, null, null,
				null, null);
	}

	/** Held for a person to decide; nothing queued yet. */
	static EdgeAnswer held(String id, String edge, Verdict verdict) {
		return new EdgeAnswer(id, edge, Held.HELD, Held.HELD, verdict.gate(), Optional.ofNullable(verdict.campaign()),
				Optional.ofNullable(verdict.version()), verdict.generated(), verdict.rewritten(), null, null, null,
				null, null);
	}

	/** Rejected and kept in the rejected queue as {@code id}. */
	static EdgeAnswer rejected(String id, String edge, List<Violation> violations) {
		return new EdgeAnswer(id, edge, "rejected", null, null, null, null, null, null, violations, null, null, null,
				null);
	}

	/**
	 * A batch, event by event: the accepted ones went on together as {@code id} (null
	 * when none did); the outcome sums them up.
	 */
	static EdgeAnswer partlyAccepted(String id, String edge, int accepted, List<RejectedEvent> rejected,
			List<HeldEvent> held, int alreadyTaken) {
		String outcome = accepted == 0
				? (held.isEmpty() ? (rejected.isEmpty() ? ALREADY_TAKEN : "rejected") : Held.HELD)
				: rejected.isEmpty() && held.isEmpty() ? "accepted" : PARTLY_ACCEPTED;
		return new EdgeAnswer(accepted == 0 ? null : id, edge, outcome, null, null, null, null, null, null, null,
				accepted, rejected, held.isEmpty() ? null : held, alreadyTaken > 0 ? alreadyTaken : null);
	}

}
