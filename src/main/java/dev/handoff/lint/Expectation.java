package dev.handoff.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares what came of an example with what its file expects, the same way for the
 * command line (the guard run in-process) and the end-to-end test (the service's HTTP
 * answers).
 */
public final class Expectation {

	/** 3 and 3L and 3.0 are the same number in an example file. */
	private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
			? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

	static final String ACCEPTED = "accepted";

	static final String HELD = "held";

	static final String REJECTED = "rejected";

	private Expectation() {
	}

	/**
	 * Every difference, in words; empty when the example passed.
	 * @param violations the violations as JSON (an array of {pointer, rule, expected,
	 * actual, ...}); empty when accepted
	 */
	public static List<String> differences(JsonNode expect, boolean accepted, List<String> generated,
			List<String> rewritten, JsonNode violations) {
		return differences(expect, accepted ? ACCEPTED : REJECTED, null, generated, rewritten, violations);
	}

	/**
	 * Every difference, in words; empty when the example passed.
	 * @param outcome {@code accepted}, {@code held} (a gate holds it for a person) or
	 * {@code rejected}
	 * @param reason for {@code held}, the gate's reason
	 * @param violations the violations as JSON (an array of {pointer, rule, expected,
	 * actual, ...}); empty unless rejected
	 */
	public static List<String> differences(JsonNode expect, String outcome, String reason, List<String> generated,
			List<String> rewritten, JsonNode violations) {
		List<String> out = new ArrayList<>();
		String wanted = expect.path("outcome").asText();
		if (!wanted.equals(outcome)) {
			out.add("expected " + describe(wanted, texts(expect.get("rules")), expect.path("reason").asText(null))
					+ ", got " + describe(outcome, rules(violations), reason));
			return out;
		}
		if (!outcome.equals(REJECTED)) {
			same("generated", expect.get("generated"), generated, out);
			same("rewritten", expect.get("rewritten"), rewritten, out);
			if (outcome.equals(HELD) && expect.has("reason") && !expect.get("reason").asText().equals(reason)) {
				out.add("expected to be held for \"" + expect.get("reason").asText() + "\", got held for \"" + reason
						+ "\"");
			}
			return out;
		}
		Set<String> wantedRules = new TreeSet<>(texts(expect.get("rules")));
		if (!wantedRules.equals(rules(violations))) {
			out.add("expected rules " + wantedRules + ", got " + rules(violations));
		}
		for (JsonNode want : expect.path("violations")) {
			if (!contains(violations, want)) {
				out.add("expected a violation " + want + ", got " + violations);
			}
		}
		return out;
	}

	private static String describe(String outcome, java.util.Collection<String> rules, String reason) {
		return switch (outcome) {
			case REJECTED -> "rejected " + rules;
			case HELD -> "held" + (reason == null ? "" : " for \"" + reason + "\"");
			default -> outcome;
		};
	}

	private static boolean contains(JsonNode violations, JsonNode want) {
		for (JsonNode v : violations) {
			if (v.path("pointer").asText().equals(want.path("pointer").asText())
					&& v.path("rule").asText().equals(want.path("rule").asText())
					&& (!want.has("expected")
							|| want.get("expected").equals(NUMBERS_BY_VALUE, nullSafe(v.get("expected"))))
					&& (!want.has("actual")
							|| want.get("actual").equals(NUMBERS_BY_VALUE, nullSafe(v.get("actual"))))) {
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
