package dev.handoff.edge;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * {@code handoff:commit}: commits the Kafka offset of the event in hand, once its outcome
 * is durable (the accepted event written to the output topic, or the reject stored and
 * written to the rejects topic). A crash before this step re-reads the event: nothing is
 * skipped.
 */
final class CommitStep implements Processor {

	@Override
	public void process(Exchange exchange) {
		KafkaManualCommit commit = exchange.getMessage()
			.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
		if (commit == null) {
			throw new IllegalStateException(
					"route " + exchange.getFromRouteId() + ": handoff:commit needs a kafka consumer with "
							+ "allowManualCommit=true and autoCommitEnable=false");
		}
		commit.commit();
	}

}
