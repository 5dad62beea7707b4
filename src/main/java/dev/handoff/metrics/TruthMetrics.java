package dev.handoff.metrics;

import dev.handoff.truth.TruthRecorded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts truth versions as they are recorded: {@code handoff.truth.versions},
 * {@code change} = {@code first} or {@code late}.
 */
@Component
class TruthMetrics {

	private final MeterRegistry meters;

	TruthMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Counted once the transaction commits: a brief that loses a race for its version is
	 * rolled back and changed nothing.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void recorded(TruthRecorded event) {
		Counter.builder("handoff.truth.versions")
			.description("Truth versions recorded: a campaign's first brief, or a late change to it")
			.tag("change", event.lateChange() ? "late" : "first")
			.register(meters)
			.increment();
	}

}
