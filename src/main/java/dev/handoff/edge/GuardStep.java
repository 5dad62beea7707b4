package dev.handoff.edge;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.guard.Guard;
import dev.handoff.guard.Verdict;
import dev.handoff.guard.Violation;
import dev.handoff.guard.Violations;
import dev.handoff.metrics.EdgeMetrics;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code handoff:guard:<contract>} in a route: holds the message against its contract. A
 * rejected message is stored byte for byte, answered 422 and goes no further; an accepted
 * one (or one a gate holds) continues with its generated values applied and the verdict
 * attached for {@code handoff:accept}.
 */
final class GuardStep implements Processor {

	static final String VERDICT = "handoff.verdict";

	private final String contractName;

	/**
	 * The most bytes the next tool takes for one message, generated values in; 0 when the
	 * route sets no such limit.
	 */
	private final int maxBytes;

	/**
	 * Which routes map what the tool sends before their guard: then the guard judges what
	 * their steps made.
	 */
	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final Guard guard;

	private final RejectStore rejects;

	private final Outcomes outcomes;

	private final EdgeMetrics metrics;

	private final ObjectMapper mapper;

	GuardStep(String contractName, int maxBytes, EdgeRegistry edges, ContractRegistry contracts, Guard guard,
			RejectStore rejects, Outcomes outcomes, EdgeMetrics metrics, ObjectMapper mapper) {
		this.contractName = contractName;
		this.maxBytes = maxBytes;
		this.edges = edges;
		this.contracts = contracts;
		this.guard = guard;
		this.rejects = rejects;
		this.outcomes = outcomes;
		this.metrics = metrics;
		this.mapper = mapper;
	}

	@Override
	public void process(Exchange exchange) {
		ContractSet set = contracts.current();
		Contract contract = set.require(contractName);
		RouteRun run = RouteRun.of(exchange);
		byte[] body = run != null ? run.payload() : rawBody(exchange);
		byte[] received = body == null ? new byte[0] : body;
		boolean mapped = edges.mapped(exchange.getFromRouteId());
		byte[] judged = mapped ? Bodies.bytes(exchange) : received;
		// the timer is of messages the edge took in; a replay is judged again, but it is
		// not a message that came in
		Verdict verdict = run != null ? guard.check(contract, set.taxonomy(), judged)
				: metrics.timeGuard(exchange.getFromRouteId(), () -> guard.check(contract, set.taxonomy(), judged));
		verdict = withinToolLimit(verdict);
		verdict = withTargetParts(verdict, exchange.getFromRouteId());
		if (run != null) {
			run.judged(verdict);
		}
		if (verdict.accepted() || verdict.held()) {
			exchange.setProperty(VERDICT, verdict);
			exchange.getMessage().setBody(verdict.forwarded());
			return;
		}
		if (run != null) {
			// a replay that is rejected again stores nothing new: the reject it came from
			// stays open
			exchange.setRouteStop(true);
			return;
		}
		String id = UUID.randomUUID().toString();
		// the bytes as received are what is kept; what the steps before the guard made of
		// them is kept beside
		Reject reject = Reject.refused(id, exchange.getFromRouteId(), contract.name(), contract.sha256(),
				verdict.campaign(), received, contentType(exchange), verdict.violations(), mapped ? judged : null);
		EdgeAnswer answer = EdgeAnswer.rejected(id, exchange.getFromRouteId(), verdict.violations());
		if (outcomes.commit(exchange, 422, answer, () -> rejects.insert(reject))) {
			metrics.rejected(reject.edge(), reject.violations());
		}
		else {
			metrics.duplicate(reject.edge());
		}
		exchange.setRouteStop(true);
	}

	/**
	 * A message that would go on larger than the next tool takes is refused here, where
	 * the sender still hears of it.
	 */
	private Verdict withinToolLimit(Verdict verdict) {
		if (maxBytes == 0 || verdict.forwarded() == null || verdict.forwarded().length <= maxBytes) {
			return verdict;
		}
		return refused(verdict, Violations.tooLargeForTool(verdict.forwarded().length, maxBytes));
	}

	/**
	 * A message the next tool's address is built from ({@code deliverTo=.../{/pointer}})
	 * that lacks a part of it is refused here: accepted, it could be sent nowhere.
	 */
	private Verdict withTargetParts(Verdict verdict, String route) {
		if (!(verdict.accepted() || verdict.held()) || verdict.forwarded() == null) {
			return verdict;
		}
		String deliverTo = edges.find(route).map(Edge::deliverTo).orElse(null);
		if (deliverTo == null || !TargetTemplate.isTemplate(deliverTo)) {
			return verdict;
		}
		return TargetTemplate.unfilled(deliverTo, verdict.forwarded(), mapper)
			.map(violation -> refused(verdict, violation))
			.orElse(verdict);
	}

	private static Verdict refused(Verdict verdict, Violation violation) {
		return new Verdict(verdict.contract(), verdict.received(), List.of(violation), null, List.of(), List.of(),
				verdict.campaign(), verdict.version(), null, null);
	}

	/**
	 * The sender's Content-Type: from the request, since a step before the guard may have
	 * set another on the message.
	 */
	private static String contentType(Exchange exchange) {
		HttpServletRequest request = exchange.getMessage()
			.getHeader("CamelHttpServletRequest", HttpServletRequest.class);
		return request != null ? request.getContentType()
				: exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
	}

	/**
	 * The bytes as the sender sent them: from the entry filter over HTTP, else the
	 * message body.
	 */
	static byte[] rawBody(Exchange exchange) {
		HttpServletRequest request = exchange.getMessage()
			.getHeader("CamelHttpServletRequest", HttpServletRequest.class);
		Object raw = request == null ? null : request.getAttribute(EdgeEntryFilter.RAW_BODY);
		return raw instanceof byte[] bytes ? bytes : exchange.getMessage().getBody(byte[].class);
	}

}
