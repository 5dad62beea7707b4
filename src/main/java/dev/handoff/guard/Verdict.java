package dev.handoff.guard;

import java.util.List;

import dev.handoff.contract.Contract;
import dev.handoff.truth.Truth;

/**
 * What the guard decided about one message.
 *
 * @param contract the contract it was held against
 * @param received the bytes as received
 * @param violations empty when accepted
 * @param forwarded the bytes to send on: the received ones when nothing was generated or
 * rewritten
 * @param generated pointers filled in or overwritten by a generator
 * @param rewritten pointers of fields whose links got UTM parameters added
 * @param campaign the campaign id, when one could be read
 * @param version the brief version the message carries, when it carries one
 * @param newTruth for an accepted or held brief that changes the truth, the version to
 * record; else null
 * @param gate the reason of the contract's gate when it holds the message for a person;
 * else null
 */
public record Verdict(Contract contract, byte[] received, List<Violation> violations, byte[] forwarded,
		List<String> generated, List<String> rewritten, String campaign, Long version, Truth newTruth, String gate) {

	/**
	 * Nothing is wrong and no gate holds it: it may go on now. A held message is not
	 * accepted, so no caller forwards it by mistake.
	 */
	public boolean accepted() {
		return violations.isEmpty() && gate == null;
	}

	/** Nothing is wrong, but a person must approve it first. */
	public boolean held() {
		return violations.isEmpty() && gate != null;
	}

	static Verdict rejected(Contract contract, byte[] received, List<Violation> violations, String campaign,
			Long version) {
		return new Verdict(contract, received, List.copyOf(violations), null, List.of(), List.of(), campaign, version,
				null, null);
	}
}
