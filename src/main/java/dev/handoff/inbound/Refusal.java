package dev.handoff.inbound;

import java.util.Optional;

/**
 * Why a request may not enter an edge, said so that the sender can act on it and nobody
 * learns a secret from it: the detail names headers and settings, never a configured
 * secret nor what the sender presented.
 *
 * @param reason what was wrong, the {@code reason} tag of {@code handoff.inbound.refused}
 * @param detail one sentence for the sender
 * @param challenge the {@code WWW-Authenticate} value, or null where the scheme has none
 * @param signature true when the proof refused was a signature (answered as
 * {@code bad-signature}), false for a credential
 */
public record Refusal(Reason reason, String detail, String challenge, boolean signature) {

	/**
	 * What was wrong with the proof a request came with; a closed set, so the metric's
	 * tag stays bounded.
	 */
	public enum Reason {

		/** no credential, or a signature header left out */
		missing,

		/** a credential or header that cannot be read as the scheme writes it */
		malformed,

		/**
		 * well formed, but matching none of the edge's secrets: another secret, or a
		 * message changed after it was signed
		 */
		wrong,

		/**
		 * a signed timestamp further from now than the edge's tolerance: too old (a
		 * replay) or from a clock far off
		 */
		expired

	}

	static Optional<Refusal> credential(Reason reason, String detail, String challenge) {
		return Optional.of(new Refusal(reason, detail, challenge, false));
	}

	static Optional<Refusal> signature(Reason reason, String detail, String challenge) {
		return Optional.of(new Refusal(reason, detail, challenge, true));
	}
}
