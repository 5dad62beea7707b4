package dev.handoff.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.guard.Rules;
import dev.handoff.guard.Violation;

/**
 * The violation of a message its tool never took, as the rejected queue shows it. Here,
 * beside the dispatcher that gives up, rather than among the guard's violations: naming
 * the tool safely needs {@link Targets}, and the guard must not depend on delivery.
 */
final class Undelivered {

	private Undelivered() {
	}

	/**
	 * The tool is named by its host only: a target's user info, query and path (a Slack
	 * webhook's path is its secret) stay out of the queue; the outcome is the tool's
	 * answer with secrets already taken out.
	 */
	static Violation violation(String edge, String target, String outcome, int attempts) {
		String tool = target.startsWith("http://") || target.startsWith("https://")
				? "the tool at " + Targets.host(target) : "the tool behind " + Targets.display(target);
		return new Violation("", Rules.DELIVERY,
				(edge == null ? "" : edge + ": ") + tool + " refused the message after " + attempts + " attempt(s)",
				JsonNodeFactory.instance.textNode("a 2xx answer"), JsonNodeFactory.instance.textNode(outcome));
	}

}
