package dev.handoff.metrics;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.handoff.guard.Rules;
import dev.handoff.guard.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Counts what each edge answers and why it rejects, and times its guard:
 * handoff.messages, .violations, .guard.
 */
@Component
public class EdgeMetrics {

	/**
	 * What an edge answered about one message (one event of a batch): the {@code outcome}
	 * tag of {@code handoff.messages}.
	 */
	public enum Outcome {

		/** stored and queued for the next tool (202) */
		ACCEPTED,
		/** broke its contract, stored as a reject (422) */
		REJECTED,
		/** waits at a human gate (202 held) */
		HELD,
		/**
		 * a retry of an idempotency key already answered: the first answer again, nothing
		 * stored
		 */
		DUPLICATE,
		/**
		 * over the size limit (413): stored as a too-large reject, unless the edge proves
		 * its senders by a signature over the whole body, which an unread body cannot
		 * show, so nothing of it is kept
		 */
		TOO_LARGE,
		/** a missing or wrong credential or signature (401), not stored */
		UNAUTHORIZED,
		/** not JSON or compressed (415), not stored */
		UNSUPPORTED,
		/**
		 * a bad idempotency key, a body shorter than declared (400) or one that stopped
		 * coming (408), not stored
		 */
		BAD_REQUEST,
		/** a brief racing another for the same version (409), not stored */
		CONFLICT;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	private final MeterRegistry meters;

	EdgeMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/** Runs the guard on one message (one event of a batch) and times it. */
	public <T> T timeGuard(String edge, Supplier<T> guard) {
		return Timer.builder("handoff.guard")
			.description("Time the guard takes on one message: parse, schema, truth, generate, links")
			.tag("edge", edge)
			.register(meters)
			.record(guard);
	}

	public void answered(String edge, Outcome outcome) {
		answered(edge, outcome, 1);
	}

	public void answered(String edge, Outcome outcome, int count) {
		if (count > 0) {
			Counter.builder("handoff.messages")
				.description("Messages an edge answered, by outcome; each event of a batch counts")
				.tag("edge", edge)
				.tag("outcome", outcome.tag())
				.register(meters)
				.increment(count);
		}
	}

	public void accepted(String edge) {
		answered(edge, Outcome.ACCEPTED);
	}

	public void held(String edge) {
		answered(edge, Outcome.HELD);
	}

	public void duplicate(String edge) {
		answered(edge, Outcome.DUPLICATE);
	}

	/** A stored reject: one message, and one count per violation it carries. */
	public void rejected(String edge, List<Violation> violations) {
		answered(edge, Outcome.REJECTED);
		violations.forEach(v -> violation(edge, v.rule()));
	}

	/**
	 * A message over the size limit: stored as a reject with its one {@code too-large}
	 * violation.
	 */
	public void tooLarge(String edge) {
		answered(edge, Outcome.TOO_LARGE);
		violation(edge, Rules.TOO_LARGE);
	}

	/**
	 * A message refused at the door for its credential or signature, by why
	 * ({@code missing}, {@code malformed}, {@code wrong}, {@code expired}: a closed set,
	 * never the credential); {@code handoff.edge.unauthorized} is kept for the alerts
	 * already built on it.
	 */
	public void refused(String edge, String reason) {
		Counter.builder("handoff.inbound.refused")
			.description(
					"Requests an edge refused (401) for a missing, malformed, wrong or expired credential or signature")
			.tag("edge", edge)
			.tag("reason", reason)
			.register(meters)
			.increment();
		meters.counter("handoff.edge.unauthorized", "edge", edge).increment();
		answered(edge, Outcome.UNAUTHORIZED);
	}

	// rules are a closed set plus schema:<keyword> from the JSON Schema vocabulary, so
	// the tag stays bounded
	private void violation(String edge, String rule) {
		Counter.builder("handoff.violations")
			.description("Violations in the messages an edge rejected, by rule")
			.tag("edge", edge)
			.tag("rule", rule)
			.register(meters)
			.increment();
	}

}
