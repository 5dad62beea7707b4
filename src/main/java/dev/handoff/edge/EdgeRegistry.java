package dev.handoff.edge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

import dev.handoff.contract.ContractRegistry;
import dev.handoff.inbound.InboundAuth;
import dev.handoff.inbound.InboundKind;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The edges the route files declare: each route that starts from
 * {@code platform-http:/edges/<name>}, or from {@code platform-http:} on any other path
 * with a {@code handoff:guard:<contract>?inbound=<kind>} step (a tool's own path, such as
 * Segment's {@code /v1/batch}: the edge is then named by its route id). Every one gets
 * the same door ({@link EdgeEntryFilter}) at its path. Read once Camel has built the
 * routes; a route that serves an edge path under another id, forgets its guard, does not
 * say who may send (or lacks the secrets for it), or serves a path another edge or
 * Handoff itself serves, stops startup (Camel ignores failures in its own after-start
 * hook, so this listens for Spring's started event instead).
 */
@Component
public class EdgeRegistry implements ApplicationListener<ApplicationStartedEvent> {

	static final String PREFIX = "platform-http:/edges/";

	static final String HTTP = "platform-http:";

	private volatile Map<String, Edge> edges = Map.of();

	private volatile Map<String, Edge> byPath = Map.of();

	/** The paths of edges that serve every path under their own. */
	private volatile Set<String> servedBelow = Set.of();

	private volatile Set<String> queueEdges = Set.of();

	private final InboundAuth inbound;

	/**
	 * Shared by each message while it is in its edge's route, exclusive while route files
	 * are applied: a reload waits for the messages under way, and a message that arrives
	 * during one waits for it and then meets the routes as they are after it. Without it
	 * a message could reach a route Camel is stopping (Camel's Spring Boot HTTP mapping
	 * still leads to a removed route's consumer) and get a bare 500 or 503. Stamped, not
	 * reentrant: a route answers on another thread (Spring MVC's async), which is the one
	 * that lets go.
	 */
	private final StampedLock routes = new StampedLock();

	EdgeRegistry(ContractRegistry contracts, InboundAuth inbound) {
		this.inbound = inbound;
		// a reload that drops a contract an edge guards with would leave that edge
		// without a judge
		contracts.require(set -> edges.values()
			.stream()
			.filter(e -> set.find(e.contract()).isEmpty())
			.map(e -> "edge '" + e.name() + "' (" + e.source() + ") guards with contract '" + e.contract()
					+ "', which the new set lacks")
			.toList());
		// a queue edge cannot hold an event for a person, so a gate there would be a
		// promise nobody keeps
		contracts.require(set -> edges.values()
			.stream()
			.filter(e -> queueEdges.contains(e.name()))
			.filter(e -> set.find(e.contract()).map(c -> c.spec().gate() != null).orElse(false))
			.map(e -> HandoffComponent.ungated("edge '" + e.name() + "' (" + e.source() + ")", e.contract()))
			.toList());
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		read(event.getApplicationContext().getBean(CamelContext.class));
	}

	void read(CamelContext context) {
		Map<String, Edge> found = new TreeMap<>();
		Set<String> below = new HashSet<>();
		Set<String> queues = new HashSet<>();
		List<String> problems = new ArrayList<>();
		Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
		for (RouteDefinition route : model.getRouteDefinitions()) {
			String from = context.resolvePropertyPlaceholders(route.getInput().getEndpointUri());
			if (from.startsWith(HTTP) && off(route, context)) {
				// a route that is off (the Segment collector until it is turned on)
				// serves nothing, so it is no edge
				continue;
			}
			if (from.startsWith(HTTP) && !from.startsWith(PREFIX)) {
				toolPathEdge(route, from, context, problems).ifPresent(edge -> {
					found.put(edge.name(), edge);
					if (servesBelow(from)) {
						below.add(edge.path());
					}
				});
				continue;
			}
			if (!from.startsWith(PREFIX)) {
				queueEdge(route, context).ifPresentOrElse(edge -> {
					found.put(edge.name(), edge);
					queues.add(edge.name());
				}, () -> polledEdge(route, from, context, problems).ifPresent(edge -> found.put(edge.name(), edge)));
				continue;
			}
			String name = from.substring(PREFIX.length()).replaceFirst("\\?.*$", "");
			String where = where(route);
			if (!name.equals(route.getRouteId())) {
				problems.add(where + ": route '" + route.getRouteId() + "' serves /edges/" + name + "; give it the id '"
						+ name + "'");
				continue;
			}
			httpEdge(route, name, "/edges/" + name, context, problems).ifPresent(edge -> found.put(name, edge));
		}
		Map<String, Edge> paths = new TreeMap<>();
		for (Edge edge : found.values()) {
			if (edge.path() == null) {
				continue;
			}
			Edge other = paths.putIfAbsent(edge.path(), edge);
			if (other != null) {
				problems.add(edge.source() + ": edge '" + edge.name() + "' serves " + edge.path() + ", which edge '"
						+ other.name() + "' (" + other.source() + ") serves already; give one of them another path");
			}
			HandoffPaths.taken(edge.path())
				.ifPresent(owner -> problems.add(edge.source() + ": edge '" + edge.name() + "' serves " + edge.path()
						+ ", a path of Handoff's own " + owner + "; give it another path"));
		}
		Set<String> starts = new HashSet<>();
		model.getRouteDefinitions()
			.forEach(r -> starts
				.add(context.resolvePropertyPlaceholders(r.getInput().getEndpointUri()).replaceFirst("\\?.*$", "")));
		for (RouteDefinition route : model.getRouteDefinitions()) {
			DeliveryRouteCheck.missing(Step.fromModel(route.getOutputs(), context), starts)
				.forEach(target -> problems
					.add(where(route) + ": " + DeliveryRouteCheck.sentence(route.getRouteId(), target)));
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Routes are invalid:\n  - " + String.join("\n  - ", problems));
		}
		edges = Map.copyOf(found);
		byPath = Map.copyOf(paths);
		servedBelow = Set.copyOf(below);
		queueEdges = Set.copyOf(queues);
	}

	/**
	 * An edge served over HTTP at {@code path}: its guard says against which contract and
	 * who may send. Null, with the problem added, when it has no guard.
	 */
	private Optional<Edge> httpEdge(RouteDefinition route, String name, String path, CamelContext context,
			List<String> problems) {
		String where = where(route);
		List<String> steps = new ArrayList<>();
		collect(route.getOutputs(), context, steps);
		RouteShape.problems(name, Step.fromModel(route.getOutputs(), context))
			.forEach(p -> problems.add(where + ": " + p));
		String guard = steps.stream().filter(RouteFile::isGuard).findFirst().orElse(null);
		String contract = guard == null ? null : RouteFile.contractOf(guard);
		if (contract == null) {
			problems.add(where + ": edge '" + name
					+ "' has no 'handoff:guard:<contract>' step; an edge without a guard lets anything through");
			return Optional.empty();
		}
		String deliverTo = firstDeliverTo(steps);
		List<Step> before = RouteShape.beforeGuard(Step.fromModel(route.getOutputs(), context));
		InboundKind kind = inbound(name, where, guard, problems);
		return Optional.of(new Edge(name, contract, deliverTo, where, guard.startsWith(RouteFile.BATCH_PREFIX), false,
				kind, RouteShape.readsForms(before), RouteShape.maps(before), false, path));
	}

	/**
	 * A route on a path of its own (not under {@code /edges/}) is an edge when it guards:
	 * named by its route id, served at its path. One that does not guard (a webhook ping
	 * that only starts a poll) is not an edge.
	 */
	private Optional<Edge> toolPathEdge(RouteDefinition route, String from, CamelContext context,
			List<String> problems) {
		List<String> steps = new ArrayList<>();
		collect(route.getOutputs(), context, steps);
		if (steps.stream().noneMatch(RouteFile::isGuard)) {
			return Optional.empty();
		}
		return httpEdge(route, route.getRouteId(), RouteFile.httpPath(from), context, problems);
	}

	/**
	 * Whether a route serves every path under its own ({@code matchOnUriPrefix}:
	 * Segment's /v1/track, /v1/identify, ...).
	 */
	static boolean servesBelow(String from) {
		return from.matches(".*[?&]matchOnUriPrefix=true(&.*)?$");
	}

	/**
	 * A route that reads a queue and checks with {@code handoff:check:<contract>}: its
	 * accepted events go to the first {@code kafka:} step after the check, which is where
	 * a replayed reject of it goes too.
	 */
	private static Optional<Edge> queueEdge(RouteDefinition route, CamelContext context) {
		List<String> steps = new ArrayList<>();
		collect(route.getOutputs(), context, steps);
		int check = 0;
		while (check < steps.size() && !steps.get(check).startsWith("handoff:check:")) {
			check++;
		}
		if (check == steps.size()) {
			return Optional.empty();
		}
		String contract = RouteFile.contractOf(steps.get(check));
		String output = steps.subList(check, steps.size())
			.stream()
			.filter(s -> s.startsWith("kafka:"))
			.findFirst()
			.orElse(null);
		return Optional.of(new Edge(route.getRouteId(), contract, output, where(route), false, true));
	}

	/**
	 * Who may send to an HTTP edge, as its guard's {@code inbound=} says; null, with the
	 * problem added, when it says nothing or names no kind. A kind whose secrets are not
	 * configured is a problem too: the edge would refuse everyone.
	 */
	private InboundKind inbound(String name, String where, String guard, List<String> problems) {
		String edge = "edge '" + name + "' (" + where + ")";
		String said = InboundKind.optionOf(guard);
		if (said == null) {
			problems.add(InboundKind.unsaid(edge));
			return null;
		}
		InboundKind kind = InboundKind.of(said).orElse(null);
		if (kind == null) {
			problems.add(InboundKind.unknown(edge, said));
			return null;
		}
		inbound.problems(name, kind).forEach(p -> problems.add(edge + ": " + p));
		return kind;
	}

	/**
	 * A route that starts from {@code seda:} and guards with
	 * {@code handoff:guard:<contract>}: an edge that another route feeds with what it
	 * reads from a tool's API (routes/brief-airtable.yaml). Each message is an exchange
	 * of its own, so its rejects carry the edge's name and replay through its steps like
	 * those of an HTTP edge, whose shape rules it follows. A route that is off
	 * ({@code autoStartup} false) serves no edge.
	 */
	private static Optional<Edge> polledEdge(RouteDefinition route, String from, CamelContext context,
			List<String> problems) {
		if (!from.startsWith("seda:") || off(route, context)) {
			return Optional.empty();
		}
		List<String> steps = new ArrayList<>();
		collect(route.getOutputs(), context, steps);
		String guard = steps.stream().filter(s -> s.startsWith(RouteFile.GUARD_PREFIX)).findFirst().orElse(null);
		if (guard == null) {
			return Optional.empty();
		}
		RouteShape.problems(route.getRouteId(), Step.fromModel(route.getOutputs(), context))
			.forEach(p -> problems.add(where(route) + ": " + p));
		String deliverTo = firstDeliverTo(steps);
		return Optional.of(new Edge(route.getRouteId(), RouteFile.contractOf(guard), deliverTo, where(route), false,
				false, null, false, false, true, null));
	}

	/**
	 * Whether a route is off: {@code autoStartup} false, as written or once its
	 * placeholder is resolved.
	 */
	private static boolean off(RouteDefinition route, CamelContext context) {
		String autoStartup = route.getAutoStartup() == null ? null
				: context.resolvePropertyPlaceholders(route.getAutoStartup());
		return "false".equalsIgnoreCase(autoStartup);
	}

	/** Where the first handoff step that names a target sends: the edge's tool. */
	private static String firstDeliverTo(List<String> steps) {
		return steps.stream()
			.filter(s -> s.startsWith("handoff:"))
			.map(EdgeRegistry::deliverTo)
			.filter(d -> d != null)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The {@code deliverTo} option of a Handoff step as written: up to the next option,
	 * or the whole of a {@code RAW(...)}.
	 */
	static String deliverTo(String step) {
		int at = step.indexOf("deliverTo=");
		if (at < 0 || (step.charAt(at - 1) != '?' && step.charAt(at - 1) != '&')) {
			return null;
		}
		String value = step.substring(at + "deliverTo=".length());
		if (value.startsWith("RAW(")) {
			int close = value.lastIndexOf(')');
			return close < 0 ? value : value.substring("RAW(".length(), close);
		}
		int next = value.indexOf('&');
		return next < 0 ? value : value.substring(0, next);
	}

	/** File and line of a route, as far as Camel kept them. */
	static String where(RouteDefinition route) {
		return route.getInput().getLocation() == null ? "route " + route.getRouteId()
				: route.getInput().getLocation() + ":" + route.getInput().getLineNumber();
	}

	/**
	 * Where the route that uses an endpoint is defined, for error messages raised while
	 * routes are built.
	 */
	static String whereUsed(CamelContext context, String step) {
		Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
		for (RouteDefinition route : model.getRouteDefinitions()) {
			List<String> steps = new ArrayList<>();
			collect(route.getOutputs(), context, steps);
			String wanted = normalized(step);
			if (steps.stream().anyMatch(s -> normalized(s).equals(wanted))) {
				return where(route);
			}
		}
		return null;
	}

	/**
	 * An endpoint URI as Camel compares them: options sorted and encoded one way,
	 * {@code scheme://} and {@code scheme:} alike.
	 */
	private static String normalized(String uri) {
		try {
			return org.apache.camel.util.URISupport.normalizeUri(uri).replace("://", ":");
		}
		catch (java.net.URISyntaxException | RuntimeException e) {
			return uri.replace("://", ":");
		}
	}

	private static void collect(List<ProcessorDefinition<?>> outputs, CamelContext context, List<String> steps) {
		for (ProcessorDefinition<?> output : outputs) {
			if (output instanceof ToDefinition to) {
				steps.add(context.resolvePropertyPlaceholders(to.getUri()));
			}
			collect(output.getOutputs(), context, steps);
		}
	}

	/**
	 * Whether steps before the guard of this route map the message. Asked per message, by
	 * route: routes that name the same guard share one endpoint, so the step itself
	 * cannot know.
	 */
	boolean mapped(String route) {
		Edge edge = route == null ? null : edges.get(route);
		return edge != null && edge.mapped();
	}

	/**
	 * Taken by a message before it enters its edge's route (see {@link #routes}); give
	 * the stamp back with {@link #served} once the route has answered.
	 */
	long serving() {
		return routes.readLock();
	}

	void served(long stamp) {
		routes.unlockRead(stamp);
	}

	/** Held while route files are applied and the edges read again. */
	Lock swapping() {
		return routes.asWriteLock();
	}

	public Optional<Edge> find(String name) {
		return Optional.ofNullable(edges.get(name));
	}

	/**
	 * The edge senders reach at this path (without the context path), if one is served
	 * there: the edge of exactly this path, else the one with the longest path above it
	 * that serves all below it.
	 */
	public Optional<Edge> atPath(String path) {
		Edge exact = byPath.get(path);
		if (exact != null) {
			return Optional.of(exact);
		}
		return servedBelow.stream()
			.filter(above -> path.startsWith(above + "/"))
			.max(java.util.Comparator.comparingInt(String::length))
			.map(byPath::get);
	}

	public List<Edge> all() {
		return List.copyOf(new TreeMap<>(edges).values());
	}

}
