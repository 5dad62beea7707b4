package dev.handoff.contract;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Checks every {@code pattern} and {@code patternProperties} key of a schema with RE2J,
 * the engine the guard runs them on. RE2 matches in linear time and refuses what could
 * backtrack (backreferences, lookaround), so a contract cannot make one message cost
 * seconds.
 */
final class Patterns {

	private Patterns() {
	}

	static void check(JsonNode node, String file, List<ContractProblem> problems) {
		walk(node, "", file, problems);
	}

	private static void walk(JsonNode node, String at, String file, List<ContractProblem> problems) {
		if (node.isObject()) {
			node.fields().forEachRemaining(e -> {
				String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
				if (e.getKey().equals("pattern") && e.getValue().isTextual()) {
					compile(e.getValue().asText(), child, file, problems);
				}
				else if (e.getKey().equals("patternProperties") && e.getValue().isObject()) {
					e.getValue().fieldNames().forEachRemaining(regex -> compile(regex, child, file, problems));
				}
				if (!e.getKey().equals(HandoffSpecReader.BLOCK)) {
					walk(e.getValue(), child, file, problems);
				}
			});
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(node.get(i), at + "/" + i, file, problems);
			}
		}
	}

	private static void compile(String regex, String at, String file, List<ContractProblem> problems) {
		try {
			Pattern.compile(regex);
		}
		catch (PatternSyntaxException e) {
			problems.add(new ContractProblem(file, at,
					"'" + regex + "' is not a valid or safe regular expression (Handoff runs "
							+ "patterns on RE2, which has no backreferences or lookaround): " + e.getDescription()));
		}
	}

}
