package dev.handoff.contract;

import java.util.ArrayList;
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
 * Finds {@code $ref} loops that would make validation recurse without end: a chain of
 * references that comes back to itself without reading any data. Recursive schemas that
 * descend into the message (a tree whose children are trees) are fine and stay allowed.
 */
final class RefLoops {

	private RefLoops() {
	}

	static void check(JsonNode root, String file, List<ContractProblem> problems) {
		walk(root, root, "", file, problems);
	}

	private static void walk(JsonNode root, JsonNode node, String at, String file, List<ContractProblem> problems) {
		if (node.isObject()) {
			if (node.path("$ref").isTextual() && loops(root, at, new HashSet<>())) {
				problems.add(new ContractProblem(file, at + "/$ref", "'" + node.get("$ref").asText()
						+ "' leads back to itself through references and allOf/anyOf/oneOf/not/if/then/else alone, without reading any "
						+ "data, so validation would never end"));
				return;
			}
			node.fields()
				.forEachRemaining(e -> walk(root, e.getValue(),
						at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), file, problems));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(root, node.get(i), at + "/" + i, file, problems);
			}
		}
	}

	/**
	 * Whether the schema at {@code at} comes back to one on the way there, following only
	 * what applies to the same value: a local {@code $ref} and the subschemas of allOf,
	 * anyOf, oneOf, not, if, then and else. Keywords that descend (properties, items,
	 * ...) read a part of the value, so a recursion through them ends with the data.
	 */
	private static boolean loops(JsonNode root, String at, Set<String> onPath) {
		if (!onPath.add(at)) {
			return true;
		}
		JsonNode node;
		try {
			node = root.at(JsonPointer.compile(at));
		}
		catch (IllegalArgumentException e) {
			return false;
		}
		for (String next : samePlace(node, at)) {
			if (loops(root, next, onPath)) {
				return true;
			}
		}
		onPath.remove(at);
		return false;
	}

	private static List<String> samePlace(JsonNode node, String at) {
		List<String> next = new ArrayList<>();
		if (!node.isObject()) {
			return next;
		}
		String ref = node.path("$ref").asText("");
		if (ref.startsWith("#")) {
			next.add(ref.substring(1));
		}
		for (String many : List.of("allOf", "anyOf", "oneOf")) {
			for (int i = 0; i < node.path(many).size(); i++) {
				next.add(at + "/" + many + "/" + i);
			}
		}
		for (String one : List.of("not", "if", "then", "else")) {
			if (node.path(one).isObject()) {
				next.add(at + "/" + one);
			}
		}
		return next;
	}

	/**
	 * Loops through allOf, not or if/then at the top show only when something is
	 * validated.
	 */
	static boolean survivesValidation(Schema schema, String file, List<ContractProblem> problems) {
		for (Object sample : new Object[] { new JSONObject(), new JSONArray(), "", 0, JSONObject.NULL }) {
			try {
				schema.validate(sample);
			}
			catch (ValidationException expected) {
				// an invalid sample is fine: only an endless recursion matters here
			}
			catch (StackOverflowError e) {
				problems.add(new ContractProblem(file, "",
						"the schema refers to itself without end (a $ref loop), so validation never finishes"));
				return false;
			}
		}
		return true;
	}

}
