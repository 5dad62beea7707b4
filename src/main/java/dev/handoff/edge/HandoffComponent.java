package dev.handoff.edge;

import java.net.URI;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.delivery.DeliveryOptions;
import dev.handoff.delivery.DeliveryProperties;
import dev.handoff.delivery.Signing;
import dev.handoff.delivery.Dispatcher;
import dev.handoff.delivery.TargetGuard;
import dev.handoff.guard.Guard;
import dev.handoff.guard.GuardProperties;
import dev.handoff.metrics.EdgeMetrics;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code handoff:} Camel component that route files use:
 * {@code handoff:guard:<contract>} holds a message against a contract, and
 * {@code handoff:accept[?deliverTo=<url>]} stores it and queues it for the next tool.
 * Endpoints are checked when routes are built, so a route naming an unknown contract
 * stops startup.
 */
// fully qualified: Camel's Component is the type this class implements
@org.springframework.stereotype.Component("handoff")
public class HandoffComponent extends DefaultComponent {

	private final ContractRegistry contracts;

	private final Guard guard;

	private final StepStores stores;

	private final Dispatcher dispatcher;

	private final Outcomes outcomes;

	private final DeliveryProperties delivery;

	private final GuardProperties limits;

	private final ObjectMapper mapper;

	private final EdgeMetrics metrics;

	private final Signing signing;

	private final EdgeRegistry edges;

	HandoffComponent(ContractRegistry contracts, EdgeRegistry edges, Guard guard, GuardProperties limits,
			StepStores stores, Dispatcher dispatcher, DeliveryProperties delivery, Signing signing, EdgeMetrics metrics,
			ObjectMapper mapper) {
		this.contracts = contracts;
		this.edges = edges;
		this.guard = guard;
		this.limits = limits;
		this.stores = stores;
		this.dispatcher = dispatcher;
		this.outcomes = new Outcomes(stores.commits(), stores.keys(), mapper);
		this.delivery = delivery;
		this.signing = signing;
		this.metrics = metrics;
		this.mapper = mapper;
	}

	@Override
	protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
		StepKind kind = StepKind.of(remaining)
			.orElseThrow(() -> new IllegalArgumentException("'" + uri + "' is not a Handoff step: use "
					+ "handoff:guard:<contract>, handoff:accept?deliverTo=<url or endpoint of the next tool>, "
					+ "handoff:batch:<contract>?deliverTo=<url>, handoff:check:<contract>, handoff:commit or, in a "
					+ "delivery route, handoff:remember?id=<pointer> and handoff:sign"));
		return switch (kind) {
			case GUARD -> {
				checkInbound(uri, parameters);
				String contract = contract(uri, kind.contract(remaining));
				int maxBytes = limit(uri, parameters, "maxBytes");
				yield new StepEndpoint(uri, this, new GuardStep(contract, maxBytes, edges, contracts, guard,
						stores.rejects(), outcomes, metrics, mapper));
			}
			case BATCH -> {
				checkInbound(uri, parameters);
				String contract = contract(uri, kind.contract(remaining));
				String deliverTo = deliverTo(uri, parameters);
				BatchStep.Limits sizes = new BatchStep.Limits(limit(uri, parameters, "maxEventBytes"),
						limit(uri, parameters, "maxBatchBytes"));
				BatchStep.Shape shape = new BatchStep.Shape(items(uri, parameters), sizes, eventKey(uri, parameters),
						answer(uri, parameters), pass(uri, parameters));
				yield new StepEndpoint(uri, this, new BatchStep(contract, deliverTo, shape, edges, contracts, guard,
						stores.rejects(), outcomes, stores.keys(), dispatcher, limits, mapper, stores.held(), metrics));
			}
			case CHECK -> {
				String contract = contract(uri, kind.contract(remaining));
				if (contracts.find(contract).orElseThrow().spec().gate() != null) {
					String where = EdgeRegistry.whereUsed(getCamelContext(), uri);
					throw new IllegalArgumentException(
							ungated((where == null ? "" : where + ": ") + "'" + uri + "'", contract));
				}
				yield new StepEndpoint(uri, this, new CheckStep(contract, contracts, guard, stores.rejects(),
						stores.keys(), stores.transactions(), metrics));
			}
			case COMMIT -> new StepEndpoint(uri, this, new CommitStep());
			case ACCEPT -> {
				String deliverTo = deliverTo(uri, parameters);
				DeliveryOptions options = options(uri, deliverTo, parameters);
				yield new StepEndpoint(uri, this, new AcceptStep(deliverTo, options, stores.truth(), outcomes,
						dispatcher, stores.held(), metrics, mapper));
			}
			case FORM -> new StepEndpoint(uri, this, new FormStep());
			case SIGN -> new StepEndpoint(uri, this, signing);
			case REMEMBER -> {
				String pointer = getAndRemoveParameter(parameters, "id", String.class);
				if (pointer == null || !pointer.startsWith("/")) {
					throw new IllegalArgumentException(
							prefix(uri) + "'" + uri + "': handoff:remember needs id=<JSON pointer to the id in the "
									+ "tool's answer>, like id=/id");
				}
				yield new StepEndpoint(uri, this,
						new RememberStep(pointer, stores.artifacts(), stores.commits(), mapper));
			}
		};
	}

	/**
	 * Who may send is the edge's door (EdgeRegistry reads this option, EdgeEntryFilter
	 * applies it): here it is only checked.
	 */
	private void checkInbound(String uri, Map<String, Object> parameters) {
		String inbound = getAndRemoveParameter(parameters, "inbound", String.class);
		if (inbound != null && dev.handoff.inbound.InboundKind.of(inbound).isEmpty()) {
			throw new IllegalArgumentException(
					dev.handoff.inbound.InboundKind.unknown(prefix(uri) + "'" + uri + "'", inbound));
		}
	}

	/**
	 * {@code eventKey=/pointer}: where each event of a batch has its own idempotency key
	 * (Segment's {@code /messageId}).
	 */
	private String eventKey(String uri, Map<String, Object> parameters) {
		String pointer = getAndRemoveParameter(parameters, "eventKey", String.class);
		if (pointer != null && !pointer.startsWith("/")) {
			throw new IllegalArgumentException(prefix(uri) + "'" + uri + "': eventKey=" + pointer
					+ " is not a JSON pointer into an event, " + "like /messageId");
		}
		return pointer;
	}

	/**
	 * {@code pass=identify,page}: the event types a batch lets through unjudged. Said in
	 * the route, so what goes on without a contract is in plain sight; an event with
	 * another type, or none, is judged.
	 */
	private java.util.Set<String> pass(String uri, Map<String, Object> parameters) {
		String pass = getAndRemoveParameter(parameters, "pass", String.class);
		if (pass == null) {
			return java.util.Set.of();
		}
		java.util.Set<String> types = new java.util.TreeSet<>();
		for (String type : pass.split(",")) {
			if (type.isBlank()) {
				throw new IllegalArgumentException(prefix(uri) + "'" + uri + "': pass=" + pass
						+ " names an empty type; list event types " + "like pass=identify,page");
			}
			types.add(type.trim());
		}
		return java.util.Set.copyOf(types);
	}

	/**
	 * {@code answer=handoff} (the default) or {@code answer=segment}: how a batch's
	 * sender is answered.
	 */
	private BatchStep.Answer answer(String uri, Map<String, Object> parameters) {
		String answer = getAndRemoveParameter(parameters, "answer", String.class, "handoff");
		return switch (answer) {
			case "handoff" -> BatchStep.Answer.HANDOFF;
			case "segment" -> BatchStep.Answer.SEGMENT;
			default -> throw new IllegalArgumentException(prefix(uri) + "'" + uri + "': answer=" + answer
					+ " is not a way to answer: say handoff (202 or 422 with every reject) or segment (Segment's 200 {\"success\": true})");
		};
	}

	/**
	 * Where a batch's events are: {@code items=/pointer}, {@code items=root} for a body
	 * that is an array; {@code /batch} by default.
	 */
	private String items(String uri, Map<String, Object> parameters) {
		String items = getAndRemoveParameter(parameters, "items", String.class, "/batch");
		if ("root".equals(items)) {
			return "";
		}
		if (!items.startsWith("/")) {
			throw new IllegalArgumentException(
					prefix(uri) + "'" + uri + "': items=" + items + " is neither a JSON pointer to the array of "
							+ "events (like /batch) nor root (a body that is the array itself)");
		}
		return items;
	}

	/**
	 * A size the next tool sets (Segment: 32 KB an event, 500 KB a batch), in bytes; 0
	 * when the route names none. It must leave room for a message: at least 1 KiB, at
	 * most the edge's own limit.
	 */
	private int limit(String uri, Map<String, Object> parameters, String name) {
		Integer value = getAndRemoveParameter(parameters, name, Integer.class);
		if (value == null) {
			return 0;
		}
		if (value < 1024 || value > limits.maxBytes()) {
			throw new IllegalArgumentException(prefix(uri) + "'" + uri + "': " + name + "=" + value
					+ " must be between 1024 and " + limits.maxBytes() + " (handoff.guard.max-bytes) bytes");
		}
		return value;
	}

	/**
	 * Why a queue edge cannot check with a gated contract: an event read from a queue
	 * cannot wait for a person.
	 */
	static String ungated(String where, String contract) {
		return where + ": contract '" + contract
				+ "' has a gate, but handoff:check: reads a queue, where nothing can be held for "
				+ "approval; gate it on an HTTP edge (handoff:guard + handoff:accept) or remove the gate";
	}

	/**
	 * A contract name that must be loaded, or an error naming the route file that asked
	 * for it.
	 */
	private String contract(String uri, String name) {
		if (contracts.find(name).isEmpty()) {
			String where = EdgeRegistry.whereUsed(getCamelContext(), uri);
			throw new IllegalArgumentException((where == null ? "" : where + ": ") + "'" + uri + "' names contract '"
					+ name + "', but " + contracts.current().folder() + " has no " + name + ".schema.json (loaded: "
					+ contracts.current().contracts().keySet().stream().sorted().toList() + ")");
		}
		return name;
	}

	/**
	 * The {@code deliverTo} option, checked: an absolute http(s) URL that is not a
	 * private address unless allowed, or an endpoint Camel can resolve
	 * ({@code direct:<delivery route>}, {@code kafka:<topic>}, ...).
	 */
	private String deliverTo(String uri, Map<String, Object> parameters) {
		String deliverTo = getAndRemoveParameter(parameters, "deliverTo", String.class);
		if (deliverTo == null) {
			return null;
		}
		String where = EdgeRegistry.whereUsed(getCamelContext(), uri);
		if (!looksLikeHttp(deliverTo)) {
			checkEndpoint(uri, deliverTo);
			return deliverTo;
		}
		// a {/pointer} part of the path is filled per message; any value stands for it in
		// the checks
		String example = deliverTo.replaceAll("\\{/[^}]*}", "x");
		checkTarget(where, uri, example);
		TargetGuard.refusal(example, delivery.allowsPrivateTargets()).ifPresent(why -> {
			throw new IllegalArgumentException(prefix(uri) + "'" + uri + "': " + why);
		});
		return deliverTo;
	}

	private static boolean looksLikeHttp(String deliverTo) {
		return deliverTo.isBlank() || deliverTo.startsWith("/") || deliverTo.regionMatches(true, 0, "http", 0, 4);
	}

	/**
	 * A Camel endpoint as a target: its component must be on the classpath and take the
	 * options given.
	 */
	private void checkEndpoint(String uri, String deliverTo) {
		if (deliverTo.startsWith("handoff:")) {
			throw new IllegalArgumentException(
					prefix(uri) + "'" + uri + "': deliverTo names a Handoff step; name the next tool's URL, a "
							+ "direct: delivery route or another Camel endpoint");
		}
		try {
			getCamelContext().getEndpoint(deliverTo);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException(
					prefix(uri) + "'" + uri + "': deliverTo '" + deliverTo.replaceFirst("\\?.*$", "?...")
							+ "' is neither an http(s) URL nor an endpoint Camel can make: " + e.getMessage(),
					e);
		}
	}

	/**
	 * The method and the memory of an http target; a Camel endpoint decides those in its
	 * own route.
	 */
	private DeliveryOptions options(String uri, String deliverTo, Map<String, Object> parameters) {
		String method = getAndRemoveParameter(parameters, "method", String.class);
		String remember = getAndRemoveParameter(parameters, "remember", String.class);
		String update = getAndRemoveParameter(parameters, "update", String.class);
		if ((method != null || remember != null || update != null)
				&& (deliverTo == null || !TargetGuard.isHttp(deliverTo))) {
			throw new IllegalArgumentException(
					prefix(uri) + "'" + uri + "': method, remember and update apply to an http(s) deliverTo; a "
							+ "delivery route (direct:) chooses its own methods and remembers with handoff:remember");
		}
		try {
			return DeliveryOptions.of(method, remember, update);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(prefix(uri) + "'" + uri + "': " + e.getMessage(), e);
		}
	}

	private String prefix(String uri) {
		String where = EdgeRegistry.whereUsed(getCamelContext(), uri);
		return where == null ? "" : where + ": ";
	}

	private static void checkTarget(String where, String uri, String deliverTo) {
		String prefix = where == null ? "" : where + ": ";
		URI target;
		try {
			target = URI.create(deliverTo);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(
					prefix + "'" + uri + "': deliverTo '" + deliverTo + "' is not a URL: " + e.getMessage(), e);
		}
		if (target.getHost() == null || !("http".equals(target.getScheme()) || "https".equals(target.getScheme()))) {
			throw new IllegalArgumentException(
					prefix + "'" + uri + "': deliverTo '" + deliverTo + "' is not an absolute http(s) URL; "
							+ "is the tool's base URL set (HANDOFF_CMS_URL, HANDOFF_EMAIL_URL, HANDOFF_TRACKING_URL)?");
		}
	}

}
