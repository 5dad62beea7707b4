package dev.handoff.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One truth field that differs between two versions.
 *
 * @param field the truth field
 * @param from its value before (null when it was not set)
 * @param to its value after (null when it is no longer set)
 */
public record FieldChange(String field, JsonNode from, JsonNode to) {

	/**
	 * The fields that differ between two versions' fields, limited to {@code only} (all
	 * when null), in name order.
	 */
	public static List<FieldChange> between(ObjectNode before, ObjectNode after, Set<String> only) {
		Set<String> names = new TreeSet<>();
		before.fieldNames().forEachRemaining(names::add);
		after.fieldNames().forEachRemaining(names::add);
		List<FieldChange> changes = new ArrayList<>();
		for (String name : names) {
			if (name.equals(Dependencies.VERSION) || (only != null && !only.contains(name))) {
				continue;
			}
			JsonNode from = before.get(name);
			JsonNode to = after.get(name);
			if (!Objects.equals(from, to)) {
				changes.add(new FieldChange(name, from, to));
			}
		}
		return changes;
	}
}
