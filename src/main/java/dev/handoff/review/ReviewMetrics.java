package dev.handoff.review;

import dev.handoff.edge.Replay;
import dev.handoff.gate.Held;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The rework people do on the rejected queue: {@code handoff.replays} and
 * {@code handoff.discards}.
 */
@Component
public class ReviewMetrics {

	private final MeterRegistry meters;

	ReviewMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * A replay that ran through the edge again.
	 * @param outcome what the edge made of it: {@code accepted}, {@code held} by a gate,
	 * or {@code rejected} again (it stays open)
	 * @param kind {@code replay} as stored, {@code edit} with a person's correction,
	 * {@code bulk} as part of a bulk replay
	 */
	public void replayed(String edge, Replay.Outcome outcome, String kind) {
		String tag = !outcome.accepted() ? "rejected"
				: Held.HELD.equals(outcome.answer().outcome()) ? Held.HELD : "accepted";
		Counter.builder("handoff.replays")
			.description(
					"Rejects run through their edge again, by outcome (accepted, held, rejected) and kind (replay, edit, bulk)")
			.tag("edge", edge)
			.tag("outcome", tag)
			.tag("kind", kind)
			.register(meters)
			.increment();
	}

	public void discarded(String edge) {
		Counter.builder("handoff.discards")
			.description("Rejects taken out of the queue for good")
			.tag("edge", edge)
			.register(meters)
			.increment();
	}

}
