package dev.handoff.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares two JSON Schemas keyword by keyword and says which way each change cuts. Open content is
 * taken seriously: a new optional property is safe unless the object forbids additional properties, the
 * false alarm schema registries are known for.
 */
final class SchemaDiff {

	private static final Set<String> DOCUMENTATION = Set.of("title", "description", "$comment", "examples", "default", "$schema", "$id");

	private static final Set<String> LOWER_BOUNDS = Set.of("minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties");

	private static final Set<String> UPPER_BOUNDS = Set.of("maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties");

	private static final Set<String> WALKED = Set.of("type", "enum", "const", "required", "properties", "additionalProperties", "items",
			"definitions", "pattern", "format", "x-handoff");

	private final String file;

	private final List<Change> changes = new ArrayList<>();

	SchemaDiff(String file) {
		this.file = file;
	}

	List<Change> compare(JsonNode before, JsonNode after) {
		node(before, after, "");
		return changes;
	}

	private void node(JsonNode before, JsonNode after, String at) {
		if (!before.isObject() || !after.isObject()) {
			if (!before.equals(after)) {
				add(at, Impact.BREAKING_FOR_SENDERS, "the schema changed from " + before + " to " + after + "; treated as breaking");
			}
			return;
		}
		type(before.get("type"), after.get("type"), at);
		values(before.get("enum"), after.get("enum"), at + "/enum");
		if (!same(before.get("const"), after.get("const"))) {
			add(at + "/const", Impact.BREAKING_FOR_SENDERS, "const is " + after.get("const") + " (was " + before.get("const") + ")");
			add(at + "/const", Impact.BREAKING_FOR_RECEIVERS, "const is " + after.get("const") + " (was " + before.get("const") + ")");
		}
		required(before.path("required"), after.path("required"), at + "/required");
		properties(before, after, at);
		additional(before.get("additionalProperties"), after.get("additionalProperties"), at + "/additionalProperties");
		both(before.get("items"), after.get("items"), at + "/items");
		definitions(before.path("definitions"), after.path("definitions"), at + "/definitions");
		text("pattern", before.get("pattern"), after.get("pattern"), at + "/pattern");
		text("format", before.get("format"), after.get("format"), at + "/format");
		bounds(before, after, at);
		for (String keyword : union(before, after)) {
			if (WALKED.contains(keyword) || LOWER_BOUNDS.contains(keyword) || UPPER_BOUNDS.contains(keyword) || same(before.get(keyword),
					after.get(keyword))) {
				continue;
			}
			add(at + "/" + keyword, DOCUMENTATION.contains(keyword) ? Impact.SAFE : Impact.BREAKING_FOR_SENDERS,
					DOCUMENTATION.contains(keyword) ? keyword + " changed (documentation only)"
							: keyword + " changed; which messages it lets through cannot be told apart, so treated as breaking");
		}
	}

	private void type(JsonNode before, JsonNode after, String at) {
		Set<String> was = texts(before);
		Set<String> now = texts(after);
		if (before == null || after == null) {
			if (before != after) {
				add(at + "/type", before == null ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
						"type " + (before == null ? "now required to be " + now : "no longer restricted (was " + was + ")"));
			}
			return;
		}
		if (!now.containsAll(was)) {
			add(at + "/type", Impact.BREAKING_FOR_SENDERS, "type narrowed from " + was + " to " + now);
		}
		if (!was.containsAll(now)) {
			add(at + "/type", Impact.BREAKING_FOR_RECEIVERS, "type widened from " + was + " to " + now);
		}
	}

	private void values(JsonNode before, JsonNode after, String at) {
		if (before == null && after == null) {
			return;
		}
		if (before == null || after == null) {
			add(at, before == null ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
					before == null ? "values now limited to " + after : "values no longer limited (were " + before + ")");
			return;
		}
		Set<JsonNode> was = elements(before);
		Set<JsonNode> now = elements(after);
		List<JsonNode> removed = was.stream().filter(v -> !now.contains(v)).toList();
		List<JsonNode> added = now.stream().filter(v -> !was.contains(v)).toList();
		if (!removed.isEmpty()) {
			add(at, Impact.BREAKING_FOR_SENDERS, "value(s) " + removed + " no longer allowed");
		}
		if (!added.isEmpty()) {
			add(at, Impact.BREAKING_FOR_RECEIVERS, "value(s) " + added + " now allowed");
		}
	}

	private void required(JsonNode before, JsonNode after, String at) {
		Set<String> was = texts(before);
		Set<String> now = texts(after);
		now.stream().filter(n -> !was.contains(n)).forEach(n -> add(at, Impact.BREAKING_FOR_SENDERS, "'" + n + "' is now required"));
		was.stream().filter(n -> !now.contains(n)).forEach(n -> add(at, Impact.BREAKING_FOR_RECEIVERS, "'" + n + "' is no longer required"));
	}

	private void properties(JsonNode before, JsonNode after, String at) {
		JsonNode was = before.path("properties");
		JsonNode now = after.path("properties");
		boolean closedBefore = before.path("additionalProperties").isBoolean() && !before.path("additionalProperties").asBoolean();
		boolean closedAfter = after.path("additionalProperties").isBoolean() && !after.path("additionalProperties").asBoolean();
		for (String name : union(was, now)) {
			String here = at + "/properties/" + escape(name);
			if (!was.has(name)) {
				add(here, closedBefore ? Impact.BREAKING_FOR_RECEIVERS : Impact.SAFE, closedBefore
						? "new property '" + name + "' is now accepted where additional properties were forbidden"
						: "new optional property '" + name + "' (additional properties were already allowed)");
			}
			else if (!now.has(name)) {
				add(here, closedAfter ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS, closedAfter
						? "property '" + name + "' removed and additional properties are forbidden: messages with it are rejected"
						: "property '" + name + "' removed: its values are no longer checked");
			}
			else {
				node(was.get(name), now.get(name), here);
			}
		}
	}

	private void additional(JsonNode before, JsonNode after, String at) {
		boolean closedBefore = before != null && before.isBoolean() && !before.asBoolean();
		boolean closedAfter = after != null && after.isBoolean() && !after.asBoolean();
		if (!closedBefore && closedAfter) {
			add(at, Impact.BREAKING_FOR_SENDERS, "additional properties are now forbidden");
		}
		else if (closedBefore && !closedAfter) {
			add(at, Impact.BREAKING_FOR_RECEIVERS, "additional properties are now allowed");
		}
		else if (before != null && after != null && before.isObject() && after.isObject()) {
			node(before, after, at);
		}
	}

	private void both(JsonNode before, JsonNode after, String at) {
		if (before != null && after != null) {
			node(before, after, at);
		}
		else if (before != after) {
			add(at, before == null ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
					before == null ? "items are now checked" : "items are no longer checked");
		}
	}

	private void definitions(JsonNode before, JsonNode after, String at) {
		for (String name : union(before, after)) {
			if (before.has(name) && after.has(name)) {
				node(before.get(name), after.get(name), at + "/" + escape(name));
			}
			else if (before.has(name)) {
				add(at + "/" + escape(name), Impact.BREAKING_FOR_SENDERS, "definition '" + name + "' removed");
			}
		}
	}

	private void text(String keyword, JsonNode before, JsonNode after, String at) {
		if (same(before, after)) {
			return;
		}
		if (after == null) {
			add(at, Impact.BREAKING_FOR_RECEIVERS, keyword + " " + before + " removed");
		}
		else {
			add(at, Impact.BREAKING_FOR_SENDERS, before == null ? keyword + " " + after + " added"
					: keyword + " changed from " + before + " to " + after + " (whether it is narrower cannot be proven)");
		}
	}

	private void bounds(JsonNode before, JsonNode after, String at) {
		for (String keyword : union(before, after)) {
			boolean lower = LOWER_BOUNDS.contains(keyword);
			if (!lower && !UPPER_BOUNDS.contains(keyword) || same(before.get(keyword), after.get(keyword))) {
				continue;
			}
			JsonNode was = before.get(keyword);
			JsonNode now = after.get(keyword);
			boolean tighter = was == null || (now != null && (lower ? now.decimalValue().compareTo(was.decimalValue()) > 0
					: now.decimalValue().compareTo(was.decimalValue()) < 0));
			add(at + "/" + keyword, tighter ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
					keyword + (was == null ? " " + now + " added" : now == null ? " " + was + " removed" : " changed from " + was + " to " + now));
		}
	}

	private void add(String pointer, Impact impact, String description) {
		changes.add(new Change(file, pointer, impact, description, false));
	}

	static boolean same(JsonNode a, JsonNode b) {
		return a == null ? b == null : a.equals(b);
	}

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

	private static Set<String> texts(JsonNode node) {
		Set<String> out = new LinkedHashSet<>();
		if (node != null && node.isArray()) {
			node.forEach(n -> out.add(n.asText()));
		}
		else if (node != null && !node.isMissingNode()) {
			out.add(node.asText());
		}
		return out;
	}

	private static Set<JsonNode> elements(JsonNode array) {
		Set<JsonNode> out = new LinkedHashSet<>();
		array.forEach(out::add);
		return out;
	}

	static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}
}
