package dev.handoff.diff;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules for the keywords of one schema node that do not hold other schemas: type,
 * enum, const, required, pattern, format, bounds, documentation. Each change says which
 * way it cuts: narrower breaks senders, wider breaks receivers.
 */
final class KeywordDiff {

	/** Keywords no validator acts on. */
	private static final Set<String> DOCUMENTATION = Set.of("title", "description", "$comment", "examples", "default",
			"$schema", "$id", "readOnly", "writeOnly");

	private static final Set<String> LOWER_BOUNDS = Set.of("minLength", "minimum", "exclusiveMinimum", "minItems",
			"minProperties");

	private static final Set<String> UPPER_BOUNDS = Set.of("maxLength", "maximum", "exclusiveMaximum", "maxItems",
			"maxProperties");

	/** Keywords with a rule here or walked into by {@link SchemaDiff}. */
	private static final Set<String> RULED = Set.of("type", "enum", "const", "required", "pattern", "format",
			"properties", "additionalProperties", "items", "definitions");

	private final ChangeSink sink;

	KeywordDiff(ChangeSink sink) {
		this.sink = sink;
	}

	void compare(JsonNode before, JsonNode after, String at) {
		type(before.get("type"), after.get("type"), at + "/type");
		values(before.get("enum"), after.get("enum"), at + "/enum");
		constant(before.get("const"), after.get("const"), at + "/const");
		required(before.get("required"), after.get("required"), at + "/required");
		pattern(before.get("pattern"), after.get("pattern"), at + "/pattern");
		format(before.get("format"), after.get("format"), at + "/format");
		for (String keyword : Nodes.union(before, after)) {
			if (LOWER_BOUNDS.contains(keyword) || UPPER_BOUNDS.contains(keyword)) {
				bound(keyword, before.get(keyword), after.get(keyword), at + "/" + keyword);
			}
			else if (!RULED.contains(keyword) && !Nodes.same(before.get(keyword), after.get(keyword))) {
				other(keyword, at + "/" + Nodes.escape(keyword));
			}
		}
	}

	private void type(JsonNode before, JsonNode after, String at) {
		Set<String> was = Nodes.texts(before);
		Set<String> now = Nodes.texts(after);
		if (before == null || after == null) {
			if (before != after) {
				sink.add(at, before == null ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
						before == null ? "type is now limited to " + now
								: "type is no longer limited (was " + was + ")");
			}
			return;
		}
		// "integer" is a kind of "number": narrowing number to integer rejects 1.5, the
		// reverse accepts it
		if (!covers(now, was)) {
			sink.add(at, Impact.BREAKING_FOR_SENDERS, "type narrowed from " + was + " to " + now);
		}
		if (!covers(was, now)) {
			sink.add(at, Impact.BREAKING_FOR_RECEIVERS, "type widened from " + was + " to " + now);
		}
	}

	private static boolean covers(Set<String> wide, Set<String> narrow) {
		return narrow.stream().allMatch(t -> wide.contains(t) || t.equals("integer") && wide.contains("number"));
	}

	private void values(JsonNode before, JsonNode after, String at) {
		if (before == null && after == null) {
			return;
		}
		if (before == null || after == null) {
			sink.add(at, before == null ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS, before == null
					? "values are now limited to " + after : "values are no longer limited (were " + before + ")");
			return;
		}
		Set<JsonNode> was = Nodes.elements(before);
		Set<JsonNode> now = Nodes.elements(after);
		List<JsonNode> removed = was.stream().filter(v -> !now.contains(v)).toList();
		List<JsonNode> added = now.stream().filter(v -> !was.contains(v)).toList();
		if (!removed.isEmpty()) {
			sink.add(at, Impact.BREAKING_FOR_SENDERS, "value(s) " + removed + " no longer allowed");
		}
		if (!added.isEmpty()) {
			sink.add(at, Impact.BREAKING_FOR_RECEIVERS, "value(s) " + added + " now allowed");
		}
	}

	private void constant(JsonNode before, JsonNode after, String at) {
		if (Nodes.same(before, after)) {
			return;
		}
		if (before == null) {
			sink.add(at, Impact.BREAKING_FOR_SENDERS, "the value must now be " + after);
		}
		else if (after == null) {
			sink.add(at, Impact.BREAKING_FOR_RECEIVERS, "the value is no longer fixed (was " + before + ")");
		}
		else {
			// the old value is rejected and a value rejected before is the only one
			// accepted
			sink.add(at, Impact.BREAKING_FOR_SENDERS,
					"const changed from " + before + " to " + after + ": " + before + " is rejected");
			sink.add(at, Impact.BREAKING_FOR_RECEIVERS,
					"const changed from " + before + " to " + after + ": " + after + " is accepted");
		}
	}

	private void required(JsonNode before, JsonNode after, String at) {
		Set<String> was = Nodes.texts(before);
		Set<String> now = Nodes.texts(after);
		now.stream()
			.filter(n -> !was.contains(n))
			.forEach(n -> sink.add(at, Impact.BREAKING_FOR_SENDERS, "'" + n + "' is now required"));
		was.stream()
			.filter(n -> !now.contains(n))
			.forEach(n -> sink.add(at, Impact.BREAKING_FOR_RECEIVERS, "'" + n + "' is no longer required"));
	}

	private void pattern(JsonNode before, JsonNode after, String at) {
		if (Nodes.same(before, after)) {
			return;
		}
		if (before == null) {
			sink.add(at, Impact.BREAKING_FOR_SENDERS, "pattern " + after + " added");
		}
		else if (after == null) {
			sink.add(at, Impact.BREAKING_FOR_RECEIVERS, "pattern " + before + " removed");
		}
		else {
			sink.add(at, Impact.BREAKING_FOR_SENDERS, "pattern changed from " + before + " to " + after
					+ "; whether it is narrower or wider cannot be proven, so it is treated as breaking");
		}
	}

	private void format(JsonNode before, JsonNode after, String at) {
		if (Nodes.same(before, after)) {
			return;
		}
		if (before == null || after == null) {
			sink.add(at, before == null ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
					before == null ? "format " + after + " added" : "format " + before + " removed");
		}
		else {
			sink.add(at, Impact.BREAKING_FOR_SENDERS, "format changed from " + before + " to " + after
					+ "; the formats do not contain each other, so it is treated as breaking");
		}
	}

	private void bound(String keyword, JsonNode was, JsonNode now, String at) {
		if (Nodes.same(was, now)) {
			return;
		}
		boolean lower = LOWER_BOUNDS.contains(keyword);
		boolean tighter = was == null || now != null && (lower ? now.decimalValue().compareTo(was.decimalValue()) > 0
				: now.decimalValue().compareTo(was.decimalValue()) < 0);
		sink.add(at, tighter ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS, keyword + (was == null
				? " " + now + " added" : now == null ? " " + was + " removed" : " changed from " + was + " to " + now));
	}

	private void other(String keyword, String at) {
		if (DOCUMENTATION.contains(keyword) || keyword.startsWith("x-")) {
			sink.add(at, Impact.SAFE, keyword + " changed (documentation only: no message changes its fate)");
		}
		else {
			sink.add(at, Impact.BREAKING_FOR_SENDERS,
					keyword + " changed; which messages it lets through is not compared, so it is treated as breaking");
		}
	}

}
