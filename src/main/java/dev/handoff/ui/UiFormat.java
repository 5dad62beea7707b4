package dev.handoff.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the UI writes times, fields and values for people: in words, not in wire formats.
 */
public final class UiFormat {

	// one zone for everybody, named on the page, so two people comparing screens see the
	// same times
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
		.withZone(ZoneOffset.UTC);

	public String time(Instant at) {
		return at == null ? "" : TIME.format(at);
	}

	/** A value for a {@code datetime-local} field. */
	public String input(Instant at) {
		return at == null ? "" : INPUT.format(at);
	}

	/** How long ago, roughly: "just now", "5 minutes ago", "3 days ago". */
	public String ago(Instant at) {
		if (at == null) {
			return "";
		}
		long seconds = Duration.between(at, Instant.now()).toSeconds();
		if (seconds < 60) {
			return "just now";
		}
		if (seconds < 3600) {
			return plural(seconds / 60, "minute") + " ago";
		}
		if (seconds < 86_400) {
			return plural(seconds / 3600, "hour") + " ago";
		}
		return plural(seconds / 86_400, "day") + " ago";
	}

	/**
	 * A JSON pointer as a path of field names: {@code /context/campaign/medium} reads
	 * "context › campaign › medium".
	 */
	public String field(String pointer) {
		if (pointer == null || pointer.isEmpty()) {
			return "the whole message";
		}
		List<String> parts = new ArrayList<>();
		for (String part : pointer.substring(1).split("/", -1)) {
			parts.add(part.replace("~1", "/").replace("~0", "~"));
		}
		return String.join(" › ", parts);
	}

	/**
	 * A value as a person reads it: text without quotes, a list joined, nothing as
	 * "nothing".
	 */
	public String value(JsonNode value) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return "nothing";
		}
		if (value.isTextual()) {
			return value.asText();
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach(item -> items.add(item.isTextual() ? item.asText() : item.toString()));
			return String.join(", ", items);
		}
		return value.toString();
	}

	/** A long text cut to a readable length. */
	public String clip(String text) {
		return text == null || text.length() <= 140 ? text : text.substring(0, 139) + "…";
	}

	/** The first characters of a hash, enough to tell two contract versions apart. */
	public String hash(String sha256) {
		return sha256 == null ? "" : sha256.substring(0, Math.min(12, sha256.length()));
	}

	public String plural(long count, String word) {
		return count + " " + (count == 1 ? word : word + "s");
	}

}
