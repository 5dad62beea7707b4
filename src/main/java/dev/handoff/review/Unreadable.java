package dev.handoff.review;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.handoff.guard.PlainWords;

/**
 * Where an edited message stops being readable JSON, so that the editor can mark the
 * line: the check before sending. An edit that fails it is no replay, in the UI and the
 * API alike: nothing is judged, audited or counted as rework.
 *
 * @param line the line, from 1
 * @param column the column, from 1
 * @param sentence what is wrong, in the guard's plain words; the line and column are
 * shown beside it
 */
public record Unreadable(int line, int column, String sentence) {

	// as strict as the guard: a duplicate field or a second document would be refused
	// there as unreadable too
	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** Null when the text reads as one JSON document. */
	public static Unreadable of(String text) {
		try {
			if (STRICT.readTree(text) == null) {
				return new Unreadable(1, 1, PlainWords.parse("No content to map due to end-of-input", null));
			}
			return null;
		}
		catch (JsonProcessingException e) {
			JsonLocation at = e.getLocation();
			int line = at == null ? 1 : Math.max(1, at.getLineNr());
			int column = at == null ? 1 : Math.max(1, at.getColumnNr());
			return new Unreadable(line, column, PlainWords.parse(e.getOriginalMessage(), null));
		}
	}
}
