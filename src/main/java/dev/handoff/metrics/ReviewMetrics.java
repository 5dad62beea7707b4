package dev.handoff.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The rework people do on the rejected queue: {@code handoff.replays} and {@code handoff.discards}. */
@Component
public class ReviewMetrics {

	private final MeterRegistry meters;

	ReviewMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * A replay that ran through the edge again.
	 *
	 * @param accepted whether the edge accepted it this time (else it stays open)
	 * @param kind {@code replay} as stored, {@code edit} with a person's correction, {@code bulk} as part of a bulk replay
	 */
	public void replayed(String edge, boolean accepted, String kind) {
		Counter.builder("handoff.replays")
			.description("Rejects run through their edge again, by outcome and kind (replay, edit, bulk)")
			.tag("edge", edge)
			.tag("outcome", accepted ? "accepted" : "rejected")
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
