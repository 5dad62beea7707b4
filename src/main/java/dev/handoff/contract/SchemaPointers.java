package dev.handoff.contract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tells whether a JSON pointer can exist in a message that a schema accepts (only
 * definite "no" counts).
 */
final class SchemaPointers {

	private SchemaPointers() {
	}

	/**
	 * Null when the pointer may exist, else a sentence saying where the schema forbids
	 * it.
	 */
	static String whyImpossible(JsonNode root, JsonPointer pointer) {
		JsonNode schema = root;
		StringBuilder walked = new StringBuilder();
		for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
			schema = resolve(root, schema);
			if (schema == null || !schema.isObject()) {
				return null;
			}
			String token = p.getMatchingProperty();
			JsonNode type = schema.get("type");
			if (type != null && type.isTextual() && !type.asText().equals("object") && !type.asText().equals("array")) {
				return "'" + walked + "' is a " + type.asText() + " in the schema, so it has no '" + token + "'";
			}
			JsonNode properties = schema.get("properties");
			JsonNode additional = schema.get("additionalProperties");
			if (properties != null && properties.has(token)) {
				schema = properties.get(token);
			}
			else if (schema.has("items") && (p.getMatchingIndex() >= 0 || "-".equals(token))) {
				schema = schema.get("items");
			}
			else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
				return "'" + token + "' is not a property under '" + walked
						+ "' and the schema forbids additional properties";
			}
			else if (additional != null && additional.isObject()) {
				schema = additional;
			}
			else {
				return null;
			}
			walked.append('/').append(token.replace("~", "~0").replace("/", "~1"));
		}
		return null;
	}

	/**
	 * True when the schema object holding the pointer's last property lists it as
	 * required.
	 */
	static boolean isRequired(JsonNode root, JsonPointer pointer) {
		JsonNode schema = root;
		for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
			schema = resolve(root, schema);
			if (schema == null) {
				return false;
			}
			String token = p.getMatchingProperty();
			if (p.tail().matches()) {
				for (JsonNode required : schema.path("required")) {
					if (required.asText().equals(token)) {
						return true;
					}
				}
				return false;
			}
			schema = schema.path("properties").get(token);
		}
		return false;
	}

	private static JsonNode resolve(JsonNode root, JsonNode schema) {
		for (int hops = 0; schema != null && schema.has("$ref") && hops < 20; hops++) {
			String ref = schema.get("$ref").asText();
			if (!ref.startsWith("#")) {
				return null;
			}
			schema = root.at(JsonPointer.compile(ref.substring(1)));
			if (schema.isMissingNode()) {
				return null;
			}
		}
		return schema;
	}

}
