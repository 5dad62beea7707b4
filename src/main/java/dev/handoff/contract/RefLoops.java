package dev.handoff.contract;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Finds {@code $ref} loops that would make validation recurse without end: a chain of references that
 * comes back to itself without reading any data. Recursive schemas that descend into the message (a
 * tree whose children are trees) are fine and stay allowed.
 */
final class RefLoops {

	private RefLoops() {
	}

	static void check(JsonNode root, String file, List<ContractProblem> problems) {
		walk(root, root, "", file, problems);
	}

	private static void walk(JsonNode root, JsonNode node, String at, String file, List<ContractProblem> problems) {
		if (node.isObject()) {
			if (node.path("$ref").isTextual() && loops(root, node)) {
				problems.add(new ContractProblem(file, at + "/$ref", "'" + node.get("$ref").asText()
						+ "' leads back to itself through references alone, so validation would never end"));
				return;
			}
			node.fields().forEachRemaining(e -> walk(root, e.getValue(), at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), file,
					problems));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(root, node.get(i), at + "/" + i, file, problems);
			}
		}
	}

	private static boolean loops(JsonNode root, JsonNode start) {
		Set<String> seen = new HashSet<>();
		JsonNode node = start;
		while (node != null && node.path("$ref").isTextual()) {
			String ref = node.get("$ref").asText();
			if (!ref.startsWith("#") || !seen.add(ref)) {
				return ref.startsWith("#");
			}
			try {
				node = root.at(JsonPointer.compile(ref.substring(1)));
			}
			catch (IllegalArgumentException e) {
				return false;
			}
		}
		return false;
	}

	/** Loops through allOf, not or if/then at the top show only when something is validated. */
	static boolean survivesValidation(Schema schema, String file, List<ContractProblem> problems) {
		for (Object sample : new Object[] { new JSONObject(), new JSONArray(), "", 0, JSONObject.NULL }) {
			try {
				schema.validate(sample);
			}
			catch (ValidationException expected) {
				// an invalid sample is fine: only an endless recursion matters here
			}
			catch (StackOverflowError e) {
				problems.add(new ContractProblem(file, "", "the schema refers to itself without end (a $ref loop), so validation never finishes"));
				return false;
			}
		}
		return true;
	}
}
