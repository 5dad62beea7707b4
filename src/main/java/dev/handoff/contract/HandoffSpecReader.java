package dev.handoff.contract;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the {@code x-handoff} block of one contract file, collecting a problem for every
 * bad key, pointer or value instead of stopping at the first. Cross-file checks (truth
 * fields, channels) come later.
 */
final class HandoffSpecReader {

	static final String BLOCK = "x-handoff";

	private static final Set<String> KEYS = Set.of("source", "channel", "campaign", "version", "truth", "mustMatch",
			"generate", "onConflict", "links", "gate", "owner", "description", "contractVersion");

	private final String file;

	private final JsonNode schema;

	private final List<ContractProblem> problems;

	HandoffSpecReader(String file, JsonNode schema, List<ContractProblem> problems) {
		this.file = file;
		this.schema = schema;
		this.problems = problems;
	}

	/** The spec, or null when the block is missing or unusable (problems say why). */
	HandoffSpec read() {
		JsonNode block = schema.get(BLOCK);
		if (block == null || !block.isObject()) {
			problem("", "has no '" + BLOCK + "' object: every contract says how its messages relate to the truth");
			return null;
		}
		int before = problems.size();
		block.fieldNames().forEachRemaining(key -> {
			if (!KEYS.contains(key)) {
				problem("/" + BLOCK + "/" + key,
						"unknown key '" + key + "' (known: " + KEYS.stream().sorted().toList() + ")");
			}
		});
		boolean source = block.path("source").asBoolean(false);
		JsonPointer campaign = pointer(block, "campaign", true);
		JsonPointer version = pointer(block, "version", source);
		Map<String, JsonPointer> truth = map(block, "truth",
				(key, value) -> pointerValue("/" + BLOCK + "/truth/" + key, value), false);
		Map<JsonPointer, String> mustMatch = pointerMap(block, "mustMatch", (at, value) -> text(at, value));
		Map<JsonPointer, String> generate = pointerMap(block, "generate", (at, value) -> text(at, value));
		generate.keySet()
			.stream()
			.filter(pointer -> SchemaPointers.isRequired(schema, pointer))
			.forEach(pointer -> problem("/" + BLOCK + "/generate/" + escape(pointer.toString()),
					"the schema requires " + pointer + ", so a message that "
							+ "leaves it out for Handoff to generate would be rejected; take it out of 'required'"));
		Map<JsonPointer, LinkMode> links = pointerMap(block, "links", (at, value) -> mode(at, value, LinkMode.class));
		OnConflict onConflict = block.has("onConflict")
				? mode("/" + BLOCK + "/onConflict", block.get("onConflict"), OnConflict.class) : OnConflict.REJECT;
		String channel = block.hasNonNull("channel") ? block.get("channel").asText() : null;
		if (source && truth.isEmpty()) {
			problem("/" + BLOCK + "/truth", "a source contract must declare its truth fields, e.g. {\"id\": \"/id\"}");
		}
		if (source && (!mustMatch.isEmpty() || !generate.isEmpty() || !links.isEmpty())) {
			problem("/" + BLOCK,
					"a source contract establishes the truth; mustMatch, generate and links belong on edge contracts");
		}
		if (!source && channel == null) {
			problem("/" + BLOCK + "/channel",
					"an edge contract must name its channel (one of the taxonomy's channels)");
		}
		if (!source && !truth.isEmpty()) {
			problem("/" + BLOCK + "/truth", "only the source contract (\"source\": true) declares truth fields");
		}
		Gate gate = block.has("gate")
				? new GateReader(file, schema, problems).read(block.get("gate"), source, truth.keySet()) : null;
		return problems.size() == before ? new HandoffSpec(source, channel, campaign, version, truth, mustMatch,
				generate, onConflict, links, gate) : null;
	}

	private JsonPointer pointer(JsonNode block, String key, boolean required) {
		JsonNode value = block.get(key);
		if (value == null || value.isNull()) {
			if (required) {
				problem("/" + BLOCK,
						"'" + key + "' is required: a JSON pointer into the message such as \"/campaign_id\"");
			}
			return null;
		}
		return pointerValue("/" + BLOCK + "/" + key, value);
	}

	private JsonPointer pointerValue(String at, JsonNode value) {
		return value.isTextual() ? pointer(at, value.asText()) : problemNull(at, "must be a JSON pointer string");
	}

	private JsonPointer pointer(String at, String text) {
		if (text.isEmpty() || !text.startsWith("/")) {
			return problemNull(at,
					"'" + text + "' is not a JSON pointer into the message (RFC 6901: it starts with '/')");
		}
		JsonPointer pointer;
		try {
			pointer = JsonPointer.compile(text);
		}
		catch (IllegalArgumentException e) {
			return problemNull(at, "'" + text + "' is not a valid JSON pointer: " + e.getMessage());
		}
		String impossible = SchemaPointers.whyImpossible(schema, pointer);
		return impossible == null ? pointer
				: problemNull(at, "pointer '" + text + "' cannot exist in a valid message: " + impossible);
	}

	private <V> Map<JsonPointer, V> pointerMap(JsonNode block, String key, BiFunction<String, JsonNode, V> value) {
		Map<JsonPointer, V> out = new LinkedHashMap<>();
		map(block, key, (name, node) -> {
			String at = "/" + BLOCK + "/" + key + "/" + escape(name);
			JsonPointer pointer = pointer(at, name);
			V v = value.apply(at, node);
			if (pointer != null && v != null) {
				out.put(pointer, v);
			}
			return null;
		}, true);
		return out;
	}

	private <V> Map<String, V> map(JsonNode block, String key, BiFunction<String, JsonNode, V> value,
			boolean keepNulls) {
		Map<String, V> out = new LinkedHashMap<>();
		JsonNode node = block.get(key);
		if (node == null) {
			return out;
		}
		if (!node.isObject()) {
			problem("/" + BLOCK + "/" + key, "must be an object");
			return out;
		}
		node.fields().forEachRemaining(e -> {
			V v = value.apply(e.getKey(), e.getValue());
			if (v != null || keepNulls) {
				out.put(e.getKey(), v);
			}
		});
		return out;
	}

	private String text(String at, JsonNode value) {
		return value.isTextual() && !value.asText().isBlank() ? value.asText()
				: problemNull(at, "must be a non-empty string");
	}

	private <E extends Enum<E>> E mode(String at, JsonNode value, Class<E> type) {
		try {
			return Enum.valueOf(type, value.asText().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			return problemNull(at, "'" + value.asText() + "' is not one of "
					+ Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
		}
	}

	private static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

	private <T> T problemNull(String pointer, String problem) {
		problem(pointer, problem);
		return null;
	}

	private void problem(String pointer, String problem) {
		problems.add(new ContractProblem(file, pointer, problem));
	}

}
