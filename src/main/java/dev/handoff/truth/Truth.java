package dev.handoff.truth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One version of a campaign's truth: the fields its brief declared.
 *
 * @param campaign the campaign id
 * @param version the brief version that established it
 * @param fields truth field name to its value
 * @param messageId the accepted brief message that carried it
 * @param recordedAt when it was recorded
 */
public record Truth(String campaign, long version, ObjectNode fields, String messageId, Instant recordedAt) {

	/** The fields as text, for templates: strings as they are, other values as JSON. */
	public Map<String, String> text() {
		Map<String, String> text = new LinkedHashMap<>();
		fields.fields().forEachRemaining(e -> text.put(e.getKey(), asText(e.getValue())));
		return text;
	}

	/**
	 * One field that differs between two versions, as text.
	 *
	 * @param field the field's name
	 * @param was its value before, null when it was not there
	 * @param now its value now, null when it was removed
	 */
	public record Change(String field, String was, String now) {

		/** The change in words, as the truth and campaign screens show it. */
		public String words() {
			if (was == null) {
				return field + " set to " + now;
			}
			return now == null ? field + " removed (was " + was + ")" : field + ": " + was + " → " + now;
		}
	}

	/**
	 * What this version changed from {@code before}: its fields in order, then the fields
	 * it no longer has.
	 */
	public List<Change> changesFrom(Truth before) {
		Map<String, String> was = before.text();
		Map<String, String> now = text();
		Set<String> names = new LinkedHashSet<>(now.keySet());
		names.addAll(was.keySet());
		List<Change> changes = new ArrayList<>();
		for (String name : names) {
			if (!Objects.equals(was.get(name), now.get(name))) {
				changes.add(new Change(name, was.get(name), now.get(name)));
			}
		}
		return changes;
	}

	public JsonNode field(String name) {
		return fields.get(name);
	}

	private static String asText(JsonNode value) {
		return value.isValueNode() ? value.asText() : value.toString();
	}
}
