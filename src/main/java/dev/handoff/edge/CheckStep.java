package dev.handoff.edge;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.guard.Guard;
import dev.handoff.guard.Verdict;
import dev.handoff.guard.Violation;
import dev.handoff.metrics.EdgeMetrics;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code handoff:check:<contract>} in a route that reads a queue such as a Kafka topic:
 * holds each event against its contract and lets the route decide where it goes by the
 * {@code HandoffOutcome} header ({@code accepted} with the generated values applied, or
 * {@code rejected} with the event as it came). A rejected event is stored in the rejected
 * queue first, once per topic/partition/offset, so a re-read after a crash does not store
 * it twice. Only the offset-commit header survives from the source.
 */
final class CheckStep implements Processor {

	static final String OUTCOME = "HandoffOutcome";

	static final String REJECT_ID = "handoff-reject-id";

	static final String RULES = "handoff-rules";

	private final String contractName;

	private final ContractRegistry contracts;

	private final Guard guard;

	private final RejectStore rejects;

	private final InboundKeys keys;

	private final TransactionTemplate transactions;

	private final EdgeMetrics metrics;

	CheckStep(String contractName, ContractRegistry contracts, Guard guard, RejectStore rejects, InboundKeys keys,
			TransactionTemplate transactions, EdgeMetrics metrics) {
		this.contractName = contractName;
		this.contracts = contracts;
		this.guard = guard;
		this.rejects = rejects;
		this.keys = keys;
		this.transactions = transactions;
		this.metrics = metrics;
	}

	@Override
	public void process(Exchange exchange) {
		ContractSet set = contracts.current();
		Contract contract = set.require(contractName);
		Message message = exchange.getMessage();
		byte[] body = message.getBody(byte[].class);
		String source = source(message);
		Object commit = message.getHeader(KafkaConstants.MANUAL_COMMIT);
		Object key = message.getHeader(KafkaConstants.KEY);
		Verdict verdict = metrics.timeGuard(exchange.getFromRouteId(),
				() -> guard.check(contract, set.taxonomy(), body == null ? new byte[0] : body));
		message.removeHeaders("*");
		if (commit != null) {
			message.setHeader(KafkaConstants.MANUAL_COMMIT, commit);
		}
		if (key != null) {
			// the event keeps its key on the output and rejects topics, so a re-read
			// after a crash repeats it under the same key
			message.setHeader(KafkaConstants.KEY, key);
		}
		if (verdict.held()) {
			// refused when routes and contracts load; should a gate slip through, the
			// event stops here rather than go on unapproved
			throw new IllegalStateException(
					HandoffComponent.ungated("edge " + exchange.getFromRouteId(), contract.name()));
		}
		if (verdict.accepted()) {
			message.setHeader(OUTCOME, "accepted");
			message.setBody(verdict.forwarded());
			metrics.accepted(exchange.getFromRouteId());
			return;
		}
		String edge = exchange.getFromRouteId();
		// an event read again after a crash was already stored: it keeps its first reject
		String id = source == null ? null
				: keys.find(edge, source).map(a -> new String(a.body(), StandardCharsets.UTF_8)).orElse(null);
		if (id == null) {
			String fresh = UUID.randomUUID().toString();
			transactions.executeWithoutResult(tx -> {
				rejects.insert(Reject.refusedFromQueue(fresh, edge, contract.name(), contract.sha256(),
						verdict.campaign(), verdict.received(), verdict.violations(), source));
				if (source != null) {
					keys.remember(edge, source, 422, fresh.getBytes(StandardCharsets.UTF_8));
				}
			});
			id = fresh;
			metrics.rejected(edge, verdict.violations());
		}
		else {
			metrics.duplicate(edge);
		}
		message.setHeader(OUTCOME, "rejected");
		message.setHeader(REJECT_ID, id);
		message.setHeader(RULES,
				String.join(",", verdict.violations().stream().map(Violation::rule).distinct().toList()));
		message.setBody(verdict.received());
	}

	/** {@code kafka:topic/partition@offset} for an event read from Kafka, else null. */
	private static String source(Message message) {
		Object topic = message.getHeader(KafkaConstants.TOPIC);
		Object partition = message.getHeader(KafkaConstants.PARTITION);
		Object offset = message.getHeader(KafkaConstants.OFFSET);
		return topic == null ? null : "kafka:" + topic + "/" + partition + "@" + offset;
	}

}
