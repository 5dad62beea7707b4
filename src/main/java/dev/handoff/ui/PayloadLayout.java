package dev.handoff.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.guard.Violation;
import dev.handoff.reject.PersonalData;
import org.springframework.stereotype.Component;

/**
 * Lays a payload out for the reject screen with each violation marked where it points,
 * masking personal data for a viewer, and gives an operator the text to correct.
 */
@Component
class PayloadLayout {

	// strict, so that a payload refused for a duplicate key or trailing text is shown as
	// it came, never tidied
	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		// numbers as written: 1.50 stays 1.50 in the editor, so a replay changes only
		// what the person changed
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private final PersonalData personal;

	PayloadLayout(PersonalData personal) {
		this.personal = personal;
	}

	/** The payload with the violations marked; masked when {@code masked}. */
	PayloadView layout(byte[] payload, List<Violation> violations, boolean masked) {
		return marked(payload, violations.stream().map(Violation::pointer).toList(), masked);
	}

	/**
	 * The payload with a numbered mark at each pointer (1 for the first); masked when
	 * {@code masked}.
	 */
	PayloadView marked(byte[] payload, List<String> pointers, boolean masked) {
		JsonNode tree = parse(payload);
		if (tree == null) {
			String text = masked ? personal.mask(payload) : new String(payload, StandardCharsets.UTF_8);
			List<Integer> whole = new ArrayList<>();
			for (int i = 0; i < pointers.size(); i++) {
				whole.add(i + 1);
			}
			return new PayloadView(false, List.of(), text, whole);
		}
		if (masked) {
			mask(tree, "");
		}
		Map<String, List<Integer>> marks = new HashMap<>();
		for (int i = 0; i < pointers.size(); i++) {
			marks.computeIfAbsent(nearest(tree, pointers.get(i)), p -> new ArrayList<>()).add(i + 1);
		}
		List<PayloadView.Line> lines = new ArrayList<>();
		walk(tree, null, "", 0, false, marks, lines);
		return new PayloadView(true, lines, null, List.of());
	}

	/**
	 * What the correction editor starts with: the payload pretty-printed, or as it came
	 * when it is not JSON.
	 */
	String editable(byte[] payload) {
		JsonNode tree = parse(payload);
		if (tree == null) {
			return new String(payload, StandardCharsets.UTF_8);
		}
		try {
			return STRICT.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
		}
		catch (IOException e) {
			throw new IllegalStateException("a parsed tree always serialises", e);
		}
	}

	private static JsonNode parse(byte[] payload) {
		try {
			JsonNode tree = STRICT.readTree(payload);
			return tree == null || tree.isMissingNode() ? null : tree;
		}
		catch (IOException notJson) {
			return null;
		}
	}

	/**
	 * The pointer of the deepest value that exists on the way to {@code pointer}: a
	 * missing required field is marked on the object that lacks it.
	 */
	static String nearest(JsonNode tree, String pointer) {
		JsonPointer at;
		try {
			at = JsonPointer.compile(pointer == null ? "" : pointer);
		}
		catch (IllegalArgumentException notAPointer) {
			return "";
		}
		while (at != null && tree.at(at).isMissingNode()) {
			at = at.head();
		}
		return at == null ? "" : at.toString();
	}

	private void mask(JsonNode node, String pointer) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				String child = pointer + "/" + escape(field.getKey());
				if (personal.personal(child) && !field.getValue().isNull()) {
					field.setValue(TextNode.valueOf(PersonalData.MASK));
				}
				else {
					mask(field.getValue(), child);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				mask(array.get(i), pointer + "/" + i);
			}
		}
	}

	private static void walk(JsonNode node, String key, String pointer, int depth, boolean comma,
			Map<String, List<Integer>> marks, List<PayloadView.Line> lines) {
		List<Integer> here = marks.getOrDefault(pointer, List.of());
		if (node.isContainerNode() && !node.isEmpty()) {
			boolean object = node.isObject();
			lines.add(new PayloadView.Line(depth, key, object ? "{" : "[", "punct", pointer, here, false));
			int i = 0;
			if (object) {
				for (Map.Entry<String, JsonNode> field : node.properties()) {
					i++;
					walk(field.getValue(), TextNode.valueOf(field.getKey()) + ": ",
							pointer + "/" + escape(field.getKey()), depth + 1, i < node.size(), marks, lines);
				}
			}
			else {
				for (JsonNode item : node) {
					walk(item, null, pointer + "/" + i, depth + 1, ++i < node.size(), marks, lines);
				}
			}
			lines.add(new PayloadView.Line(depth, null, object ? "}" : "]", "punct", null, List.of(), comma));
			return;
		}
		lines.add(new PayloadView.Line(depth, key, node.toString(), kind(node), pointer, here, comma));
	}

	private static String kind(JsonNode node) {
		if (node.isTextual()) {
			return PersonalData.MASK.equals(node.asText()) ? "masked" : "str";
		}
		if (node.isNumber()) {
			return "num";
		}
		if (node.isBoolean()) {
			return "bool";
		}
		return node.isNull() ? "null" : "punct";
	}

	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

}
