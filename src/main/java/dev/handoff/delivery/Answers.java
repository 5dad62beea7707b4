package dev.handoff.delivery;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads what a tool's answer says it made. */
final class Answers {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Answers() {
	}

	/**
	 * The text or number at a pointer of a JSON answer; null when the answer is not JSON
	 * or has no such value.
	 */
	static String idAt(byte[] answer, String pointer) {
		try {
			JsonNode id = MAPPER.readTree(answer).at(pointer);
			return id.isValueNode() && !id.isNull() && !id.asText().isEmpty() ? id.asText() : null;
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}

}
