package dev.handoff.inbound;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks that a request comes from a sender the edge accepts, in two steps: what the
 * headers alone prove, before the body is read (all of a credential; that a signature is
 * there at all), and what needs the body (the signature itself).
 */
public interface Verifier {

	/** The verifier of an {@code inbound=open} edge: anyone may send. */
	Verifier OPEN = new Verifier() {
	};

	/** Why the request must be refused on its headers alone, or empty. */
	default Optional<Refusal> headers(HttpServletRequest request) {
		return Optional.empty();
	}

	/** Why the request must be refused now that its body is read, or empty. */
	default Optional<Refusal> body(HttpServletRequest request, byte[] body) {
		return Optional.empty();
	}

	/**
	 * True when the proof is a signature over the whole body: a body over the size limit
	 * is then never read whole, so its sender is never known, and nothing of it may be
	 * kept.
	 */
	default boolean needsBody() {
		return false;
	}

}
