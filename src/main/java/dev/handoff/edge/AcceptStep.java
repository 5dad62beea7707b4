package dev.handoff.edge;

import java.util.UUID;

import dev.handoff.delivery.DeliveryOptions;
import dev.handoff.delivery.Dispatcher;
import dev.handoff.delivery.OutboxEntry;
import dev.handoff.gate.Held;
import dev.handoff.gate.HeldStore;
import dev.handoff.guard.Verdict;
import dev.handoff.metrics.EdgeMetrics;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.dao.DuplicateKeyException;

/**
 * {@code handoff:accept[?deliverTo=URL]} in a route: in one transaction, records the new
 * truth of a brief and puts the message in the outbox for the next tool; only after the
 * commit is the sender answered 202. A message a gate holds is stored as held instead,
 * and answered 202 {@code held}. A retry with the same idempotency key gets the first
 * answer and stores nothing.
 */
final class AcceptStep implements Processor {

	private static final byte[] PROBLEM_VERSION_TAKEN = ("{\"type\":\"https://handoff.dev/problems/version-taken\",\"title\":"
			+ "\"Version taken meanwhile\",\"status\":409,\"detail\":\"another brief recorded this version at the same moment; "
			+ "send the brief again to have it judged against that one\"}")
		.getBytes(java.nio.charset.StandardCharsets.UTF_8);

	private final String deliverTo;

	private final DeliveryOptions options;

	private final TruthStore truth;

	private final Outcomes outcomes;

	private final Dispatcher dispatcher;

	private final HeldStore heldStore;

	private final EdgeMetrics metrics;

	private final ObjectMapper mapper;

	AcceptStep(String deliverTo, DeliveryOptions options, TruthStore truth, Outcomes outcomes, Dispatcher dispatcher,
			HeldStore heldStore, EdgeMetrics metrics, ObjectMapper mapper) {
		this.mapper = mapper;
		this.deliverTo = deliverTo;
		this.options = options;
		this.truth = truth;
		this.outcomes = outcomes;
		this.dispatcher = dispatcher;
		this.heldStore = heldStore;
		this.metrics = metrics;
	}

	@Override
	public void process(Exchange exchange) {
		Verdict verdict = exchange.getProperty(GuardStep.VERDICT, Verdict.class);
		if (verdict == null || !(verdict.accepted() || verdict.held())) {
			throw new IllegalStateException(
					"route " + exchange.getFromRouteId() + ": handoff:accept must come after handoff:guard");
		}
		byte[] outgoing = outgoing(exchange, verdict);
		RouteRun run = RouteRun.of(exchange);
		if (run != null) {
			// a replay: it stores in its own transaction what this accept would have
			// stored
			run.accepted(target(verdict), options, outgoing);
			exchange.setRouteStop(true);
			return;
		}
		if (verdict.held()) {
			hold(exchange, verdict, outgoing);
			return;
		}
		String id = verdict.newTruth() != null ? verdict.newTruth().messageId() : UUID.randomUUID().toString();
		EdgeAnswer answer = EdgeAnswer.accepted(id, exchange.getFromRouteId(), verdict);
		boolean stored;
		try {
			stored = outcomes.commit(exchange, 202, answer, () -> {
				Truth next = verdict.newTruth();
				if (next != null) {
					truth.record(next);
				}
				if (deliverTo != null) {
					dispatcher.store(OutboxEntry.pending(id, exchange.getFromRouteId(), verdict.contract().name(),
							verdict.contract().sha256(), verdict.campaign(), verdict.version(), target(verdict),
							outgoing, outgoing == verdict.forwarded() ? null : verdict.forwarded(), options.stored()));
				}
			});
		}
		catch (DuplicateKeyException e) {
			// another brief took this version at the same moment; sent again, it is
			// judged against that one
			Outcomes.respond(exchange, 409, PROBLEM_VERSION_TAKEN, false, "application/problem+json");
			metrics.answered(exchange.getFromRouteId(), EdgeMetrics.Outcome.CONFLICT);
			return;
		}
		metrics.answered(exchange.getFromRouteId(),
				stored ? EdgeMetrics.Outcome.ACCEPTED : EdgeMetrics.Outcome.DUPLICATE);
	}

	/**
	 * This message's target: {@code {/pointer}} parts of the deliverTo filled from the
	 * accepted message.
	 */
	private String target(Verdict verdict) {
		return deliverTo == null ? null : TargetTemplate.fill(deliverTo, verdict.forwarded(), mapper);
	}

	/**
	 * What the route made of the accepted message by the time it reached this step: the
	 * guard's bytes themselves when no step changed the body (so a message that was not
	 * shaped is stored byte for byte), else the body as JSON bytes.
	 */
	private byte[] outgoing(Exchange exchange, Verdict verdict) {
		return exchange.getMessage().getBody() == verdict.forwarded() ? verdict.forwarded() : Bodies.bytes(exchange);
	}

	/**
	 * A gate holds it: stored for a person to decide, answered 202 {@code held}; nothing
	 * is queued and the truth stays.
	 */
	private void hold(Exchange exchange, Verdict verdict, byte[] outgoing) {
		Truth next = verdict.newTruth();
		String id = next != null ? next.messageId() : UUID.randomUUID().toString();
		String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
		Held held = Held.now(id, exchange.getFromRouteId(), verdict.contract().name(), verdict.contract().sha256(),
				verdict.campaign(), verdict.version(), verdict.received(), contentType, next == null ? outgoing : null,
				next == null ? null : next.fields(), target(verdict), verdict.gate())
			.calling(options.stored());
		EdgeAnswer answer = EdgeAnswer.held(id, exchange.getFromRouteId(), verdict);
		boolean stored = outcomes.commit(exchange, 202, answer, () -> heldStore.insert(held));
		metrics.answered(exchange.getFromRouteId(), stored ? EdgeMetrics.Outcome.HELD : EdgeMetrics.Outcome.DUPLICATE);
	}

}
