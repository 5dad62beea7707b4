package dev.handoff.diff;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks two versions of a JSON Schema side by side, by schema path, through
 * {@code properties}, {@code additionalProperties}, {@code items}, {@code definitions}
 * and local {@code $ref} targets, and has {@link KeywordDiff} judge each pair of nodes.
 * Open content is taken seriously: a new optional property is safe unless the object
 * forbids additional properties, the false alarm schema registries are known for.
 */
final class SchemaDiff {

	/** Enough for any hand-written chain of references; more is a loop. */
	private static final int MAX_REF_HOPS = 32;

	private final String file;

	private final List<Change> changes = new ArrayList<>();

	private final KeywordDiff keywords = new KeywordDiff(this::add);

	/**
	 * Pairs of references being compared on the current path, so a recursive schema is
	 * walked once.
	 */
	private final Set<String> expanding = new HashSet<>();

	private JsonNode rootBefore;

	private JsonNode rootAfter;

	SchemaDiff(String file) {
		this.file = file;
	}

	List<Change> compare(JsonNode before, JsonNode after) {
		rootBefore = before;
		rootAfter = after;
		node(before, after, "");
		return changes;
	}

	private void node(JsonNode before, JsonNode after, String at) {
		if (!before.isObject() || !after.isObject()) {
			if (!before.equals(after)) {
				add(at, Impact.BREAKING_FOR_SENDERS, "the schema changed from " + before + " to " + after
						+ "; which messages it lets through is not compared, so it is treated as breaking");
			}
			return;
		}
		if (!Nodes.same(before.get("$ref"), after.get("$ref")) && (local(before) || local(after))) {
			reference(before, after, at);
			return;
		}
		keywords.compare(before, after, at);
		properties(before, after, at);
		additional(before.get("additionalProperties"), after.get("additionalProperties"), at + "/additionalProperties");
		items(before.get("items"), after.get("items"), at + "/items");
		definitions(before.path("definitions"), after.path("definitions"), at + "/definitions");
	}

	/**
	 * A reference that changed: what each side means is compared here (in draft-07 a
	 * $ref's siblings are ignored).
	 */
	private void reference(JsonNode before, JsonNode after, String at) {
		String was = before.has("$ref") ? before.get("$ref").asText() : null;
		String now = after.has("$ref") ? after.get("$ref").asText() : null;
		JsonNode wasTarget = was == null ? before : resolve(rootBefore, was);
		JsonNode nowTarget = now == null ? after : resolve(rootAfter, now);
		if (wasTarget == null || nowTarget == null) {
			add(at + "/$ref", Impact.BREAKING_FOR_SENDERS, "$ref " + (wasTarget == null ? was : now)
					+ " does not resolve in this file, so what it lets through is not compared; treated as breaking");
			return;
		}
		add(at + "/$ref", Impact.SAFE,
				now == null ? "written out here instead of referring to " + was
						: was == null ? "now refers to " + now + " instead of being written out here"
								: "now refers to " + now + " (was " + was + ")");
		String pair = was + " -> " + now;
		if (expanding.add(pair)) {
			node(wasTarget, nowTarget, at);
			expanding.remove(pair);
		}
	}

	private static boolean local(JsonNode schema) {
		return schema.path("$ref").asText("").startsWith("#");
	}

	/**
	 * The target of a local reference, following chains; null when it is not there or
	 * loops.
	 */
	private static JsonNode resolve(JsonNode root, String ref) {
		String current = ref;
		for (int hop = 0; hop < MAX_REF_HOPS; hop++) {
			if (!current.startsWith("#")) {
				return null;
			}
			JsonNode target;
			try {
				String fragment = URI.create(current).getFragment();
				target = fragment == null || fragment.isEmpty() ? root : root.at(JsonPointer.compile(fragment));
			}
			catch (IllegalArgumentException e) {
				return null;
			}
			if (target.isMissingNode()) {
				return null;
			}
			if (!target.isObject() || !target.has("$ref")) {
				return target;
			}
			current = target.get("$ref").asText();
		}
		return null;
	}

	private void properties(JsonNode before, JsonNode after, String at) {
		JsonNode was = before.path("properties");
		JsonNode now = after.path("properties");
		boolean closedBefore = Nodes.isFalse(before.get("additionalProperties"));
		boolean closedAfter = Nodes.isFalse(after.get("additionalProperties"));
		for (String name : Nodes.union(was, now)) {
			String here = at + "/properties/" + Nodes.escape(name);
			if (!was.has(name)) {
				add(here, closedBefore ? Impact.BREAKING_FOR_RECEIVERS : Impact.SAFE,
						closedBefore
								? "new property '" + name
										+ "' is now accepted where additional properties were forbidden"
								: "new optional property '" + name + "' (additional properties were already allowed)");
			}
			else if (!now.has(name)) {
				add(here, closedAfter ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
						closedAfter ? "property '" + name
								+ "' removed and additional properties are forbidden: messages with it are rejected"
								: "property '" + name + "' removed: its values are no longer checked");
			}
			else {
				node(was.get(name), now.get(name), here);
			}
		}
	}

	private void additional(JsonNode before, JsonNode after, String at) {
		boolean closedBefore = Nodes.isFalse(before);
		boolean closedAfter = Nodes.isFalse(after);
		boolean schemaBefore = before != null && before.isObject();
		boolean schemaAfter = after != null && after.isObject();
		if (!closedBefore && closedAfter) {
			add(at, Impact.BREAKING_FOR_SENDERS, "additional properties are now forbidden");
		}
		else if (closedBefore && !closedAfter) {
			add(at, Impact.BREAKING_FOR_RECEIVERS,
					"additional properties are now allowed" + (schemaAfter ? " when they match " + after : ""));
		}
		else if (schemaBefore && schemaAfter) {
			node(before, after, at);
		}
		else if (schemaAfter) {
			add(at, Impact.BREAKING_FOR_SENDERS, "additional properties must now match " + after);
		}
		else if (schemaBefore) {
			add(at, Impact.BREAKING_FOR_RECEIVERS,
					"additional properties are no longer checked (had to match " + before + ")");
		}
	}

	private void items(JsonNode before, JsonNode after, String at) {
		if (before != null && after != null) {
			node(before, after, at);
		}
		else if (before != after) {
			add(at, before == null ? Impact.BREAKING_FOR_SENDERS : Impact.BREAKING_FOR_RECEIVERS,
					before == null ? "items are now checked against " + after
							: "items are no longer checked (were against " + before + ")");
		}
	}

	private void definitions(JsonNode before, JsonNode after, String at) {
		for (String name : Nodes.union(before, after)) {
			String here = at + "/" + Nodes.escape(name);
			if (before.has(name) && after.has(name)) {
				node(before.get(name), after.get(name), here);
			}
			else if (before.has(name)) {
				add(here, Impact.BREAKING_FOR_SENDERS,
						"definition '" + name + "' removed: a $ref to it no longer resolves");
			}
			else {
				add(here, Impact.SAFE,
						"new definition '" + name + "' (it changes nothing until something refers to it)");
			}
		}
	}

	private void add(String pointer, Impact impact, String description) {
		changes.add(new Change(file, pointer, impact, description, false));
	}

}
