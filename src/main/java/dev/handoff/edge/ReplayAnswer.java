package dev.handoff.edge;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.handoff.gate.Held;
import dev.handoff.guard.Verdict;
import dev.handoff.guard.Violation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What came of running a reject through its edge again, as the review API answers it:
 * accepted (on its way, or sent to the output topic), held at a human gate, or rejected
 * again. Not an {@link EdgeAnswer}: it names the reject first and the outcome before the
 * id, and a rejected replay has no id of its own.
 *
 * @param reject the reject that was replayed
 * @param outcome {@code accepted}, {@code held} or {@code rejected}
 * @param id accepted or held: the delivery (its Idempotency-Key) or the held message
 * @param topic accepted from a queue edge: the topic it was sent to
 * @param status held only: {@code held}
 * @param reason held only: the gate's reason
 * @param generated accepted only: pointers of the values Handoff filled in
 * @param rewritten accepted (not to a topic) only: pointers of the links Handoff rewrote
 * @param violations rejected only: what is still wrong; the reject stays open
 */
@JsonPropertyOrder({ "reject", "outcome", "id", "topic", "status", "reason", "generated", "rewritten", "violations" })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayAnswer(String reject, @Schema(allowableValues = {
		"accepted", Held.HELD, "rejected" }) String outcome, String id, String topic,
		@Schema(allowableValues = Held.HELD) String status, String reason, List<String> generated,
		List<String> rewritten, List<Violation> violations){

	static ReplayAnswer accepted(String reject, String id, Verdict verdict) {
		return new ReplayAnswer(reject, "accepted", id, null, null, null, verdict.generated(), verdict.rewritten(),
				null);
	}

	static ReplayAnswer toTopic(String reject, String topic, Verdict verdict) {
		return new ReplayAnswer(reject, "accepted", reject, topic, null, null, verdict.generated(), null, null);
	}

	static ReplayAnswer held(String reject, String id, Verdict verdict) {
		return new ReplayAnswer(reject, Held.HELD, id, null, Held.HELD, verdict.gate(), null, null, null);
	}

	static ReplayAnswer rejected(String reject, Verdict verdict) {
		return new ReplayAnswer(reject, "rejected", null, null, null, null, null, null, verdict.violations());
	}

}
