package dev.handoff.contract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;

/**
 * What stays human-gated on a contract ({@code x-handoff.gate}): a message the guard
 * accepts is held for a person with the approver role when it matches {@code condition},
 * or, on the source contract, when a new brief version changes one of the {@code changed}
 * truth fields.
 *
 * @param reason what the approver is asked to check; stored and shown with every message
 * it holds
 * @param condition the JSON Schema ({@code "if"}) a held message matches, or null for a
 * {@code changed} gate
 * @param changed the truth fields whose change must be approved, or empty for an
 * {@code if} gate
 */
public record Gate(String reason, Schema condition, List<String> changed) {

	public Gate {
		changed = List.copyOf(changed);
	}

	/**
	 * Where a message meets the condition, for an approver to see at a glance: the
	 * pointers of the values the condition names that the message has (a
	 * {@code regulated_offer} flag, not the whole {@code handoff} object). Empty for a
	 * {@code changed} gate, whose reason is a change of the truth rather than a place in
	 * the message.
	 */
	public List<String> matchedIn(JsonNode message) {
		List<String> pointers = new ArrayList<>();
		if (condition != null) {
			collect(condition, message, "", pointers);
		}
		return pointers;
	}

	private static void collect(Schema schema, JsonNode node, String at, List<String> pointers) {
		if (schema instanceof CombinedSchema combined) {
			combined.getSubschemas().forEach(sub -> collect(sub, node, at, pointers));
			return;
		}
		if (!(schema instanceof ObjectSchema object) || !node.isObject()) {
			return;
		}
		Set<String> named = new LinkedHashSet<>(object.getRequiredProperties());
		named.addAll(object.getPropertySchemas().keySet());
		for (String name : named) {
			JsonNode value = node.get(name);
			if (value == null) {
				continue;
			}
			String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
			Schema sub = object.getPropertySchemas().get(name);
			int before = pointers.size();
			if (sub != null) {
				collect(sub, value, pointer, pointers);
			}
			// a leaf of the condition (a const, an enum, a required field it says nothing
			// more about) is the match itself
			if (pointers.size() == before && !pointers.contains(pointer)) {
				pointers.add(pointer);
			}
		}
	}
}
