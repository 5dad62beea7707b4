package dev.handoff.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Requests for every operation of an OpenAPI document, made from what the document says
 * of it: path parameters (ids that exist, and others), query parameters within and
 * outside their declared limits, bodies from their schema, garbage and wrong content
 * types, with the right credential, a weaker one, a wrong one or none.
 */
final class Calls {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

	/** JSON that is not quite JSON, and JSON of the wrong shape. */
	private static final List<String> GARBAGE = List.of("{", "[1,", "{\"a\":}", "nul", "\"unterminated", "{}}",
			"{\"a\":1,\"a\":2}", "[]", "null", "42", "\"text\"", "{\"reason\":", "\u0000", "", "{\"x\":\"\\ud800\"}",
			"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");

	private static final List<String> OTHER_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
			"nonsense", "application/json; charset=no-such-charset", "*/*");

	private final JsonNode document;

	private final Credentials credentials;

	private final Map<String, List<String>> known;

	private final Map<String, List<byte[]>> examples;

	/**
	 * @param document the OpenAPI document
	 * @param credentials the headers that let a call in, and weaker ones
	 * @param known values that exist, by the path template up to a parameter
	 * ({@code /api/rejects/{id}}) or by a query parameter's name
	 * @param examples real messages to send, by the path of their edge
	 */
	Calls(JsonNode document, Credentials credentials, Map<String, List<String>> known,
			Map<String, List<byte[]>> examples) {
		this.document = document;
		this.credentials = credentials;
		this.known = known;
		this.examples = examples;
	}

	/** Who sends a call, by name, and the headers that say so (none for {@code none}). */
	record Sender(String who, Map<String, String> headers) {
	}

	/** The senders of an operation: the one it lets in, mostly, and some it does not. */
	interface Credentials {

		Arbitrary<Sender> of(String method, String path);

	}

	Arbitrary<Call> everyOperation() {
		List<Arbitrary<Call>> operations = new ArrayList<>();
		document.get("paths")
			.properties()
			.forEach(path -> path.getValue()
				.properties()
				.forEach(operation -> operations
					.add(operation(path.getKey(), operation.getKey().toUpperCase(Locale.ROOT), operation.getValue()))));
		return Arbitraries.oneOf(operations);
	}

	private Arbitrary<Call> operation(String template, String method, JsonNode operation) {
		List<JsonNode> query = new ArrayList<>();
		List<JsonNode> headers = new ArrayList<>();
		operation.path("parameters").forEach(parameter -> {
			switch (parameter.path("in").asText()) {
				case "query" -> query.add(parameter);
				case "header" -> headers.add(parameter);
				default -> {
					// path parameters are filled in from the template
				}
			}
		});
		return Combinators
			.combine(path(template), query(query), headers(headers), body(template, operation.path("requestBody")),
					credentials.of(method, template))
			.as((path, queryString, headerValues, body, sender) -> {
				Map<String, String> all = new LinkedHashMap<>(headerValues);
				all.putAll(sender.headers());
				return new Call(method + " " + template, method, path, queryString, all, body.contentType(),
						body.bytes(), sender.who());
			});
	}

	private Arbitrary<String> path(String template) {
		Matcher parameters = TEMPLATE.matcher(template);
		List<Arbitrary<String>> parts = new ArrayList<>();
		int last = 0;
		while (parameters.find()) {
			parts.add(Arbitraries.just(template.substring(last, parameters.start())));
			List<String> existing = known.getOrDefault(template.substring(0, parameters.end()), List.of());
			Arbitrary<String> any = segment();
			parts.add((existing.isEmpty() ? any
					: Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(existing)), Tuple.of(2, any)))
				.map(Calls::encode));
			last = parameters.end();
		}
		parts.add(Arbitraries.just(template.substring(last)));
		return Combinators.combine(parts).as(list -> String.join("", list));
	}

	/**
	 * A path segment: letters, digits, marks and non-ASCII text; never {@code .} or
	 * {@code ..}, which name other paths.
	 */
	private static Arbitrary<String> segment() {
		return Arbitraries.strings()
			.alpha()
			.numeric()
			.withChars("-_.~:@!$&'()*+,= üé漢")
			.ofMinLength(1)
			.ofMaxLength(40)
			.filter(s -> !s.equals(".") && !s.equals(".."));
	}

	private Arbitrary<String> query(List<JsonNode> parameters) {
		if (parameters.isEmpty()) {
			return Arbitraries.just("");
		}
		List<Arbitrary<Optional<String>>> pairs = new ArrayList<>();
		for (JsonNode parameter : parameters) {
			String name = parameter.path("name").asText();
			pairs.add(value(name, parameter.path("schema")).map(v -> encode(name) + "=" + encode(v)).optional(0.5));
		}
		return Combinators.combine(pairs)
			.as(list -> String.join("&", list.stream().flatMap(Optional::stream).toList()));
	}

	private Arbitrary<Map<String, String>> headers(List<JsonNode> parameters) {
		List<Arbitrary<Optional<Map.Entry<String, String>>>> values = new ArrayList<>();
		for (JsonNode parameter : parameters) {
			String name = parameter.path("name").asText();
			JsonNode schema = parameter.path("schema");
			int max = schema.path("maxLength").asInt(64);
			// printable ASCII within the limits, and outside them: too long, a space,
			// nothing
			Arbitrary<String> value = Arbitraries.frequencyOf(
					Tuple.of(4, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40)),
					Tuple.of(1, Arbitraries.just("k".repeat(max + 1))),
					Tuple.of(1, Arbitraries.of("a key", "", "ünicode")));
			values.add(value.map(v -> Map.entry(name, v)).optional(0.5));
		}
		return Combinators.combine(values).as(list -> {
			Map<String, String> headers = new LinkedHashMap<>();
			list.forEach(entry -> entry.ifPresent(e -> headers.put(e.getKey(), e.getValue())));
			return headers;
		});
	}

	/**
	 * A query parameter's value: within the schema's limits, at them, just outside, or
	 * not of its type at all.
	 */
	private Arbitrary<String> value(String name, JsonNode schema) {
		List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
		List<String> existing = known.getOrDefault(name, List.of());
		if (!existing.isEmpty()) {
			choices.add(Tuple.of(3, Arbitraries.of(existing)));
		}
		if (schema.has("enum")) {
			List<String> values = new ArrayList<>();
			schema.get("enum").forEach(v -> values.add(v.asText()));
			choices.add(Tuple.of(4, Arbitraries.of(values)));
		}
		switch (schema.path("type").asText()) {
			case "integer" -> {
				long min = schema.has("minimum") ? schema.get("minimum").asLong() : -1_000;
				long max = schema.has("maximum") ? schema.get("maximum").asLong() : 1_000_000;
				choices.add(Tuple.of(4, Arbitraries.longs().between(min, max).map(String::valueOf)));
				choices.add(Tuple.of(2,
						Arbitraries.of(min - 1, max + 1, Long.MIN_VALUE, Long.MAX_VALUE).map(String::valueOf)));
				choices.add(Tuple.of(1, Arbitraries.of("12345678901234567890", "1.5", "1e3", "", "abc", "0x10")));
			}
			case "boolean" -> choices.add(Tuple.of(4, Arbitraries.of("true", "false", "yes", "", "1", "TRUE")));
			default -> {
				if ("date-time".equals(schema.path("format").asText())) {
					choices.add(Tuple.of(4,
							Arbitraries.longs()
								.between(0, 4_102_444_800L)
								.map(s -> java.time.Instant.ofEpochSecond(s).toString())));
					choices.add(Tuple.of(1, Arbitraries.of("2027-13-45T00:00:00Z", "yesterday", "", "30d",
							"+1000000000-12-31T23:59:59Z")));
				}
				choices.add(Tuple.of(2, Arbitraries.strings().ofMaxLength(30)));
				choices
					.add(Tuple.of(1, Arbitraries.of("", " ", "30d", "12h", "90m", "-1d", "99999999d", "%", "\u0000")));
			}
		}
		return Arbitraries.frequencyOf(choices);
	}

	/**
	 * What is sent as the body: a content type (null: none) and the bytes (null: none).
	 */
	private record Body(String contentType, byte[] bytes) {
	}

	private Arbitrary<Body> body(String template, JsonNode requestBody) {
		if (requestBody.isMissingNode()) {
			return Arbitraries.just(new Body(null, null));
		}
		List<Tuple.Tuple2<Integer, Arbitrary<Body>>> choices = new ArrayList<>();
		requestBody.path("content").properties().forEach(media -> {
			String type = media.getKey();
			choices.add(Tuple.of(5, json(media.getValue().path("schema"), 3).map(node -> new Body(type, bytes(node)))));
			choices.add(Tuple.of(2,
					Arbitraries.of(GARBAGE).map(text -> new Body(type, text.getBytes(StandardCharsets.UTF_8)))));
		});
		List<byte[]> real = examples.getOrDefault(template, List.of());
		if (!real.isEmpty()) {
			choices.add(Tuple.of(6, Arbitraries.of(real).map(bytes -> new Body("application/json", bytes))));
		}
		choices.add(Tuple.of(1, Combinators.combine(Arbitraries.of(OTHER_TYPES), Arbitraries.of(GARBAGE))
			.as((type, text) -> new Body(type, text.getBytes(StandardCharsets.UTF_8)))));
		choices.add(Tuple.of(1, Arbitraries.just(new Body(null, null))));
		return Arbitraries.frequencyOf(choices);
	}

	/**
	 * A JSON value the schema describes, most of the time: strings run past their
	 * maxLength and enums get other words.
	 */
	private Arbitrary<JsonNode> json(JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema);
		List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> choices = new ArrayList<>();
		if (resolved.has("enum")) {
			List<JsonNode> values = new ArrayList<>();
			resolved.get("enum").forEach(values::add);
			choices.add(Tuple.of(4, Arbitraries.of(values)));
		}
		switch (resolved.path("type").asText()) {
			case "object" -> choices.add(Tuple.of(6, object(resolved, depth)));
			case "array" ->
				choices.add(Tuple.of(6, json(resolved.path("items"), depth - 1).list().ofMaxSize(3).map(items -> {
					ArrayNode array = NODES.arrayNode();
					array.addAll(items);
					return array;
				})));
			case "string" -> {
				int max = resolved.path("maxLength").asInt(60);
				choices.add(Tuple.of(6, Arbitraries.strings().ofMaxLength(Math.min(max, 60)).map(NODES::textNode)));
				choices.add(Tuple.of(1, Arbitraries.of(max, max + 1).map(n -> NODES.textNode("x".repeat(n)))));
				choices.add(Tuple.of(1, Arbitraries.of("", "   ").map(NODES::textNode)));
			}
			case "integer", "number" -> choices.add(Tuple.of(6, Arbitraries.longs().map(NODES::numberNode)));
			case "boolean" -> choices.add(Tuple.of(6, Arbitraries.of(true, false).map(NODES::booleanNode)));
			default -> choices.add(Tuple.of(6, anyJson(depth)));
		}
		// the wrong type now and then
		choices.add(Tuple.of(1, anyJson(0)));
		return Arbitraries.frequencyOf(choices);
	}

	private Arbitrary<JsonNode> object(JsonNode schema, int depth) {
		List<String> required = new ArrayList<>();
		schema.path("required").forEach(name -> required.add(name.asText()));
		List<Arbitrary<Optional<Map.Entry<String, JsonNode>>>> properties = new ArrayList<>();
		schema.path("properties")
			.properties()
			.forEach(property -> properties.add(depth <= 0 ? Arbitraries.just(Optional.empty())
					: json(property.getValue(), depth - 1).map(value -> Map.entry(property.getKey(), value))
						.optional(required.contains(property.getKey()) ? 0.95 : 0.7)));
		if (properties.isEmpty()) {
			return anyJson(depth).map(value -> value.isObject() ? value : NODES.objectNode().set("value", value));
		}
		return Combinators.combine(properties).as(list -> {
			ObjectNode object = NODES.objectNode();
			list.forEach(entry -> entry.ifPresent(e -> object.set(e.getKey(), e.getValue())));
			return object;
		});
	}

	/** Any JSON value, nested at most {@code depth} deep. */
	private static Arbitrary<JsonNode> anyJson(int depth) {
		Arbitrary<JsonNode> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(NODES::textNode),
				Arbitraries.integers().map(NODES::numberNode), Arbitraries.doubles().map(NODES::numberNode),
				Arbitraries.of(true, false).map(NODES::booleanNode), Arbitraries.just(NODES.nullNode()));
		if (depth <= 0) {
			return scalar;
		}
		Arbitrary<JsonNode> object = Arbitraries
			.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), anyJson(depth - 1))
			.ofMaxSize(4)
			.map(map -> {
				ObjectNode node = NODES.objectNode();
				map.forEach(node::set);
				return node;
			});
		Arbitrary<JsonNode> array = anyJson(depth - 1).list().ofMaxSize(4).map(items -> {
			ArrayNode node = NODES.arrayNode();
			node.addAll(items);
			return node;
		});
		return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(2, object), Tuple.of(1, array));
	}

	private JsonNode resolve(JsonNode schema) {
		String ref = schema.path("$ref").asText("");
		return ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
	}

	private static byte[] bytes(JsonNode node) {
		try {
			return JSON.writeValueAsBytes(node);
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException("a tree always serialises", e);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
