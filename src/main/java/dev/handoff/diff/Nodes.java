package dev.handoff.diff;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Small null-tolerant helpers for comparing two versions of a JSON document. */
final class Nodes {

	private Nodes() {
	}

	static boolean same(JsonNode a, JsonNode b) {
		return a == null ? b == null : a.equals(b);
	}

	/**
	 * The field names of both objects, those of the first first; missing or non-object
	 * nodes have none.
	 */
	static Set<String> union(JsonNode a, JsonNode b) {
		Set<String> names = new LinkedHashSet<>();
		if (a != null) {
			a.fieldNames().forEachRemaining(names::add);
		}
		if (b != null) {
			b.fieldNames().forEachRemaining(names::add);
		}
		return names;
	}

	/**
	 * A string or an array of strings (as {@code type} and {@code required} are written)
	 * as a set.
	 */
	static Set<String> texts(JsonNode node) {
		Set<String> out = new LinkedHashSet<>();
		if (node != null && node.isArray()) {
			node.forEach(n -> out.add(n.asText()));
		}
		else if (node != null && !node.isMissingNode() && !node.isNull()) {
			out.add(node.asText());
		}
		return out;
	}

	static Set<JsonNode> elements(JsonNode array) {
		Set<JsonNode> out = new LinkedHashSet<>();
		if (array != null) {
			array.forEach(out::add);
		}
		return out;
	}

	/** A JSON pointer token (RFC 6901). */
	static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

	/** True for {@code false}, the schema that accepts nothing. */
	static boolean isFalse(JsonNode node) {
		return node != null && node.isBoolean() && !node.asBoolean();
	}

}
