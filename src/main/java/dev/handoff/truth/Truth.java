package dev.handoff.truth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

	public JsonNode field(String name) {
		return fields.get(name);
	}

	private static String asText(JsonNode value) {
		return value.isValueNode() ? value.asText() : value.toString();
	}
}
