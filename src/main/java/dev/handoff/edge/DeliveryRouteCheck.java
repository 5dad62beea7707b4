package dev.handoff.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@code deliverTo=direct:<name>} must name a delivery route that exists: without one,
 * every delivery would fail and be retried until it became a reject, long after the route
 * file was wrong.
 */
final class DeliveryRouteCheck {

	private DeliveryRouteCheck() {
	}

	/** The {@code direct:} targets of the route's accepts that no route starts from. */
	static List<String> missing(List<Step> steps, Set<String> starts) {
		List<String> missing = new ArrayList<>();
		collect(steps, starts, missing);
		return missing;
	}

	private static void collect(List<Step> steps, Set<String> starts, List<String> missing) {
		for (Step step : steps) {
			String target = step.uri() == null ? null : EdgeRegistry.deliverTo(step.uri());
			if (target != null && target.startsWith("direct:") && !starts.contains(target.replaceFirst("\\?.*$", ""))) {
				missing.add(target);
			}
			step.branches().forEach(branch -> collect(branch, starts, missing));
		}
	}

	static String sentence(String route, String target) {
		return "route '" + route + "' delivers to " + target + ", but no route starts from " + target
				+ "; add the delivery route (from: uri: " + target + ") or name the tool's URL";
	}

}
