package dev.handoff.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares what came of an example with what its file expects, the same way for the command line
 * (the guard run in-process) and the end-to-end test (the service's HTTP answers).
 */
public final class Expectation {

	/** 3 and 3L and 3.0 are the same number in an example file. */
	private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
			? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

	private Expectation() {
	}

	/**
	 * Every difference, in words; empty when the example passed.
	 * @param violations the violations as JSON (an array of {pointer, rule, expected, actual, ...}); empty when accepted
	 */
	public static List<String> differences(JsonNode expect, boolean accepted, List<String> generated, List<String> rewritten,
			JsonNode violations) {
		List<String> out = new ArrayList<>();
		boolean wantAccepted = expect.path("outcome").asText().equals("accepted");
		if (wantAccepted != accepted) {
			out.add("expected " + (wantAccepted ? "accepted" : "rejected " + texts(expect.get("rules"))) + ", got "
					+ (accepted ? "accepted" : "rejected " + rules(violations)));
			return out;
		}
		if (accepted) {
			same("generated", expect.get("generated"), generated, out);
			same("rewritten", expect.get("rewritten"), rewritten, out);
			return out;
		}
		Set<String> wanted = new TreeSet<>(texts(expect.get("rules")));
		if (!wanted.equals(rules(violations))) {
			out.add("expected rules " + wanted + ", got " + rules(violations));
		}
		for (JsonNode want : expect.path("violations")) {
			if (!contains(violations, want)) {
				out.add("expected a violation " + want + ", got " + violations);
			}
		}
		return out;
	}

	private static boolean contains(JsonNode violations, JsonNode want) {
		for (JsonNode v : violations) {
			if (v.path("pointer").asText().equals(want.path("pointer").asText()) && v.path("rule").asText().equals(want.path("rule").asText())
					&& (!want.has("expected") || want.get("expected").equals(NUMBERS_BY_VALUE, nullSafe(v.get("expected"))))
					&& (!want.has("actual") || want.get("actual").equals(NUMBERS_BY_VALUE, nullSafe(v.get("actual"))))) {
				return true;
			}
		}
		return false;
	}

	private static JsonNode nullSafe(JsonNode node) {
		return node == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : node;
	}

	private static void same(String what, JsonNode expected, List<String> actual, List<String> out) {
		if (expected != null && !new TreeSet<>(texts(expected)).equals(new TreeSet<>(actual))) {
			out.add("expected " + what + " " + texts(expected) + ", got " + actual);
		}
	}

	private static Set<String> rules(JsonNode violations) {
		Set<String> rules = new TreeSet<>();
		violations.forEach(v -> rules.add(v.path("rule").asText()));
		return rules;
	}

	private static List<String> texts(JsonNode array) {
		List<String> out = new ArrayList<>();
		if (array != null) {
			array.forEach(n -> out.add(n.asText()));
		}
		return out;
	}
}
