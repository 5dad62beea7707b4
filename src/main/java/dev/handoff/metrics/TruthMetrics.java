package dev.handoff.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Counts truth versions as they are recorded: {@code handoff.truth.versions}, {@code change} = {@code first} or {@code late}. */
@Component
public class TruthMetrics {

	private final MeterRegistry meters;

	TruthMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * A version was recorded: the campaign's first, or a later one (a late change). Counted once the transaction
	 * commits, since a brief that loses a race for its version is rolled back and changed nothing.
	 */
	public void recorded(boolean first) {
		Counter counter = Counter.builder("handoff.truth.versions")
			.description("Truth versions recorded: a campaign's first brief, or a late change to it")
			.tag("change", first ? "first" : "late")
			.register(meters);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					counter.increment();
				}
			});
		}
		else {
			counter.increment();
		}
	}
}
