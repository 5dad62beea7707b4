package dev.handoff.contract;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks every {@code x-handoff-message}: the sentence a contract's author gives a field,
 * which a reviewer reads after what is wrong with it. It must be a non-empty string of
 * one short paragraph, on a schema whose violations it can word: the whole message, a
 * property, an item, a definition a property refers to, or a branch of {@code allOf},
 * {@code anyOf}, {@code oneOf}, {@code then} or {@code else}. Under {@code not},
 * {@code if}, {@code contains}, {@code propertyNames} or {@code dependencies} it would
 * describe what is tested rather than the field, and in the {@code x-handoff} block it is
 * no schema at all: there it is refused instead of being silently unused.
 */
final class HandoffMessages {

	static final String KEY = "x-handoff-message";

	/**
	 * Long enough for a sentence and a hint, short enough to read at a glance on the
	 * reject page.
	 */
	static final int MAX_LENGTH = 300;

	/**
	 * Keywords whose value is one schema that describes the field (or its items) where
	 * the message can apply.
	 */
	private static final Set<String> SCHEMA = Set.of("additionalProperties", "items", "additionalItems", "then",
			"else");

	/** Keywords whose value is a list of such schemas. */
	private static final Set<String> SCHEMA_LIST = Set.of("allOf", "anyOf", "oneOf", "items");

	/** Keywords whose value maps names to such schemas. */
	private static final Set<String> SCHEMA_MAP = Set.of("properties", "patternProperties", "definitions", "$defs");

	/**
	 * Keywords whose schemas only test the message: a message there never words a
	 * violation.
	 */
	private static final Set<String> TESTS_ONLY = Set.of("not", "if", "contains", "propertyNames", "dependencies");

	private HandoffMessages() {
	}

	static void check(JsonNode contract, String file, List<ContractProblem> problems) {
		schema(contract, "", true, file, problems);
	}

	private static void schema(JsonNode node, String at, boolean applies, String file, List<ContractProblem> problems) {
		if (!node.isObject()) {
			return;
		}
		node.fields().forEachRemaining(e -> {
			String key = e.getKey();
			JsonNode value = e.getValue();
			String child = at + "/" + escape(key);
			if (key.equals(KEY)) {
				String problem = applies ? problem(value)
						: "can never apply here: Handoff words a violation from the field's own schema, "
								+ "not from one under not, if, contains, propertyNames or dependencies; put it on the property";
				if (problem != null) {
					problems.add(new ContractProblem(file, child, problem));
				}
			}
			else if (key.equals(HandoffSpecReader.BLOCK)) {
				misplaced(value, child, file, problems);
			}
			else if (SCHEMA_MAP.contains(key) && value.isObject()) {
				value.fields()
					.forEachRemaining(
							p -> schema(p.getValue(), child + "/" + escape(p.getKey()), applies, file, problems));
			}
			else if (SCHEMA_LIST.contains(key) && value.isArray()) {
				for (int i = 0; i < value.size(); i++) {
					schema(value.get(i), child + "/" + i, applies, file, problems);
				}
			}
			else if (SCHEMA.contains(key)) {
				schema(value, child, applies, file, problems);
			}
			else if (TESTS_ONLY.contains(key)) {
				if (value.isObject() && key.equals("dependencies")) {
					value.fields()
						.forEachRemaining(
								d -> schema(d.getValue(), child + "/" + escape(d.getKey()), false, file, problems));
				}
				else {
					schema(value, child, false, file, problems);
				}
			}
			// enum, const, default, examples and unknown keywords hold data, not schemas:
			// a key there is no message
		});
	}

	/**
	 * The x-handoff block holds no schema but a gate's condition; a message anywhere in
	 * it is a misplaced one.
	 */
	private static void misplaced(JsonNode node, String at, String file, List<ContractProblem> problems) {
		if (node.isObject()) {
			node.fields().forEachRemaining(e -> {
				String child = at + "/" + escape(e.getKey());
				if (e.getKey().equals(KEY)) {
					problems.add(new ContractProblem(file, child,
							"belongs on a property's schema, not in the x-handoff block: there it words that field's violations"));
				}
				else {
					misplaced(e.getValue(), child, file, problems);
				}
			});
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				misplaced(node.get(i), at + "/" + i, file, problems);
			}
		}
	}

	private static String problem(JsonNode value) {
		if (!value.isTextual() || value.asText().isBlank()) {
			return "must be a non-empty string: the sentence a reviewer reads when this field breaks the contract";
		}
		String text = value.asText();
		if (text.length() > MAX_LENGTH) {
			return "is " + text.length() + " characters; keep it to " + MAX_LENGTH
					+ " so that it reads at a glance beside the violation";
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			return "holds a line break or another control character: write it as one paragraph";
		}
		return null;
	}

	private static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

}
