package dev.handoff.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether Handoff can honour every step of an edge route, said in sentences that name the
 * step. Camel runs whatever a route declares; Handoff must not let it run a step whose
 * effect it would then ignore or undo:
 * <ul>
 * <li>before {@code handoff:guard}, steps that map what the tool sends to the contract's
 * shape: the guard judges what they make, a reject keeps the bytes as received beside it,
 * and a replay maps again;</li>
 * <li>between the guard and {@code handoff:accept}, steps that shape the message: what
 * they make is what is stored and delivered, and replays and approvals run them
 * again;</li>
 * <li>a {@code choice} there must end every branch, {@code otherwise} included, in an
 * accept;</li>
 * <li>nothing after the accept, nothing that sends to a tool before the commit, nothing
 * that may drop or multiply the message without an answer.</li>
 * </ul>
 */
final class RouteShape {

	/** Steps that leave the message's body alone. */
	private static final Set<String> PASSIVE = Set.of("log", "setProperty", "removeProperty", "removeProperties",
			"setVariable", "setVariables", "removeVariable");

	/** Steps that make the message into what the next tool takes. */
	private static final Set<String> SHAPING = Set.of("setBody", "transform", "convertBodyTo", "marshal", "unmarshal");

	private static final Set<String> HEADERS = Set.of("setHeader", "setHeaders", "removeHeader", "removeHeaders");

	private static final Set<String> SENDS = Set.of("to", "toD", "wireTap", "enrich", "pollEnrich", "multicast",
			"recipientList", "routingSlip", "dynamicRouter", "kamelet", "serviceCall");

	private RouteShape() {
	}

	/**
	 * Whether any of these steps changes the body: then the guard judges what they made,
	 * not the bytes as received.
	 */
	static boolean maps(List<Step> steps) {
		return steps.stream().anyMatch(s -> SHAPING.contains(s.kind()) || s.isHandoff(FormStep.URI));
	}

	/** The top-level steps before the route's guard; all of them when it has none. */
	static List<Step> beforeGuard(List<Step> steps) {
		int guard = 0;
		while (guard < steps.size() && !isGuard(steps.get(guard))) {
			guard++;
		}
		return steps.subList(0, guard);
	}

	/**
	 * Whether the route reads form bodies ({@code handoff:form} before its guard): its
	 * door takes them then.
	 */
	static boolean readsForms(List<Step> steps) {
		return steps.stream().anyMatch(s -> s.isHandoff(FormStep.URI));
	}

	/**
	 * What is wrong with an edge route's steps; empty when Handoff honours all of them.
	 */
	static List<String> problems(String edge, List<Step> steps) {
		List<String> problems = new ArrayList<>();
		int guard = 0;
		while (guard < steps.size() && !isGuard(steps.get(guard))) {
			guard++;
		}
		if (guard == steps.size()) {
			if (nestedGuard(steps)) {
				problems.add("edge '" + edge
						+ "': handoff:guard sits inside another step; it must be a step of the route itself, so that "
						+ "every message is judged");
			}
			return problems;
		}
		for (int i = 0; i < guard; i++) {
			Step step = steps.get(i);
			String why = SHAPING.contains(step.kind()) || PASSIVE.contains(step.kind()) || step.isHandoff(FormStep.URI)
					? null : refusal(step);
			if (why != null) {
				problems.add(at(edge, i, step) + " before handoff:guard " + why);
			}
		}
		List<Step> after = steps.subList(guard + 1, steps.size());
		if (steps.get(guard).isHandoff(RouteFile.BATCH_PREFIX)) {
			if (!after.isEmpty()) {
				problems.add(at(edge, guard + 1, after.get(0))
						+ " comes after handoff:batch, which stores the events and answers the sender "
						+ "itself; nothing after it would act on the events");
			}
			return problems;
		}
		segment(edge, after, guard + 1, problems);
		return problems;
	}

	/**
	 * The steps between the guard and an accept: they shape the message, and the last one
	 * is the accept.
	 */
	private static void segment(String edge, List<Step> steps, int offset, List<String> problems) {
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			boolean last = i == steps.size() - 1;
			if (step.isHandoff("handoff:accept") || "choice".equals(step.kind())) {
				if (!last) {
					problems.add(at(edge, offset + i + 1, steps.get(i + 1))
							+ " comes after handoff:accept, which has answered the sender "
							+ "and stored the message; the step would act on the answer, not on the message. Move it before the accept");
				}
				if ("choice".equals(step.kind())) {
					choice(edge, step, offset + i, problems);
				}
				return;
			}
			String why = refusal(step);
			if (why != null) {
				problems.add(at(edge, offset + i, step) + " between handoff:guard and handoff:accept " + why);
			}
		}
		problems.add("edge '" + edge + "' has no handoff:accept after its guard"
				+ (steps.isEmpty() ? "" : " on every path")
				+ ": an accepted message would be answered with itself and stored nowhere; end the route with handoff:accept");
	}

	private static void choice(String edge, Step choice, int index, List<String> problems) {
		if (!choice.otherwise()) {
			problems.add(at(edge, index, choice)
					+ " has no otherwise: a message that no branch takes would be answered with itself and "
					+ "stored nowhere; add an otherwise that ends in handoff:accept");
		}
		for (List<Step> branch : choice.branches()) {
			segment(edge, branch, 0, problems);
		}
	}

	/** Why a step cannot stand between the guard and the accept, or null when it can. */
	private static String refusal(Step step) {
		String kind = step.kind();
		if (SHAPING.contains(kind) || PASSIVE.contains(kind)) {
			return null;
		}
		if (HEADERS.contains(kind)) {
			return "would be ignored: headers do not travel to the tool (Handoff sends only its own and the edge's credentials), and "
					+ "the guard judges the body; set them in a direct: delivery route";
		}
		if (step.uri() != null && step.uri().startsWith("handoff:")) {
			return "is a second Handoff step ('" + step.uri() + "'): a message is judged once and accepted once";
		}
		if (SENDS.contains(kind)) {
			return "sends to " + scheme(step.uri())
					+ " before the message is committed: the tool could get a message that Handoff then "
					+ "fails to store, and a replay would not send it again; deliver with handoff:accept?deliverTo=...";
		}
		return "is not a step Handoff can honour there: it could drop, split, delay or repeat the message, so the sender's answer and "
				+ "what is stored would no longer match; shape the message with setBody or transform (a batch is split by handoff:batch)";
	}

	private static String scheme(String uri) {
		if (uri == null) {
			return "another endpoint";
		}
		int colon = uri.indexOf(':');
		return "'" + (colon < 0 ? uri : uri.substring(0, colon)) + ":'";
	}

	private static boolean isGuard(Step step) {
		return step.isHandoff(RouteFile.GUARD_PREFIX) || step.isHandoff(RouteFile.BATCH_PREFIX);
	}

	private static boolean nestedGuard(List<Step> steps) {
		return steps.stream()
			.flatMap(s -> s.branches().stream())
			.anyMatch(b -> b.stream().anyMatch(RouteShape::isGuard) || nestedGuard(b));
	}

	private static String at(String edge, int index, Step step) {
		return "edge '" + edge + "', step " + (index + 1) + " '" + step.kind() + "'";
	}

}
