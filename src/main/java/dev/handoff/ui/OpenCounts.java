package dev.handoff.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectFilter;
import dev.handoff.reject.RejectStore;
import org.springframework.stereotype.Component;

/**
 * How many rejects are open, in all, on an edge or for a rule: what the eye should go to
 * first.
 */
@Component
class OpenCounts {

	private final RejectStore rejects;

	OpenCounts(RejectStore rejects) {
		this.rejects = rejects;
	}

	long all() {
		return count(new RejectFilter(null, Reject.Status.OPEN, null, null));
	}

	long onEdge(String edge) {
		return count(new RejectFilter(edge, Reject.Status.OPEN, null, null));
	}

	long forRule(String rule) {
		return count(new RejectFilter(null, Reject.Status.OPEN, rule, null));
	}

	/** Each name with its count, leaving out those with none. */
	Map<String, Long> nonZero(Iterable<String> names, ToLongFunction<String> count) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String name : names) {
			long n = count.applyAsLong(name);
			if (n > 0) {
				counts.put(name, n);
			}
		}
		return counts;
	}

	private long count(RejectFilter filter) {
		// a page of one: the store counts in the database and reads a single row
		return rejects.list(filter, 0, 1).total();
	}

}
