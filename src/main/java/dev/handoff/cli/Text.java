package dev.handoff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * How the service's answers read in a terminal: values, violations, history and payloads.
 */
final class Text {

	// "key": value and one array item a line, as most JSON tools print it, whatever the
	// system's line separator
	private static final ObjectWriter PRETTY = ReviewClient.JSON.writer(new DefaultPrettyPrinter()
		.withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
		.withObjectIndenter(new DefaultIndenter("  ", "\n"))
		.withArrayIndenter(new DefaultIndenter("  ", "\n")));

	private Text() {
	}

	static String pretty(JsonNode json) {
		try {
			return PRETTY.writeValueAsString(json);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A payload pretty-printed when it is one JSON value, else as it is. */
	static String payload(String text) {
		if (text.isBlank()) {
			return "(empty)";
		}
		try (var parser = ReviewClient.JSON.createParser(text)) {
			JsonNode json = ReviewClient.JSON.readTree(parser);
			if (json != null && parser.nextToken() == null) {
				return pretty(json);
			}
		}
		catch (IOException e) {
			// not JSON: shown as received
		}
		return block(text);
	}

	/**
	 * A value for a person: text without quotes, anything else as compact JSON, null when
	 * there is none.
	 */
	static String value(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isTextual()) {
			return node.asText().isEmpty() ? "\"\"" : node.asText();
		}
		return node.toString();
	}

	/** An instant to the second; what is not one is shown as it came. */
	static String instant(JsonNode node) {
		String text = value(node);
		try {
			return text == null ? null : Instant.parse(text).truncatedTo(ChronoUnit.SECONDS).toString();
		}
		catch (DateTimeParseException e) {
			return text;
		}
	}

	/**
	 * One line per violation: {@code pointer  rule  message  (expected X, got Y)}, the
	 * columns aligned.
	 */
	static void violations(JsonNode violations, PrintWriter out, String indent) {
		Table table = new Table();
		for (JsonNode v : violations) {
			String pointer = v.path("pointer").asText();
			table.row(pointer.isEmpty() ? "(message)" : pointer, value(v.get("rule")),
					v.path("message").asText() + expectedActual(value(v.get("expected")), value(v.get("actual"))));
		}
		table.print(out, indent);
	}

	/**
	 * One line per entry of a reject's history: when, who, what, what came of it, and the
	 * rest.
	 */
	static void history(JsonNode history, PrintWriter out, String indent) {
		Table table = new Table();
		for (JsonNode h : history) {
			table.row(instant(h.get("at")), value(h.get("actor")), value(h.get("action")), value(h.get("outcome")),
					detail(h.get("detail")));
		}
		table.print(out, indent);
	}

	/**
	 * Control characters made visible, so that untrusted text cannot break a line or
	 * drive the terminal.
	 */
	static String oneLine(String text) {
		return visible(text, false);
	}

	/**
	 * Like {@link #oneLine} but keeping line breaks and tabs: for a payload shown as it
	 * came.
	 */
	static String block(String text) {
		// a lone carriage return could overwrite the line before it; a Windows line end
		// is just a line end
		return visible(text.replace("\r\n", "\n"), true);
	}

	private static String expectedActual(String expected, String actual) {
		if (expected == null && actual == null) {
			return "";
		}
		if (expected == null) {
			return "  (got " + actual + ")";
		}
		return "  (expected " + expected + ", got " + (actual == null ? "nothing" : actual) + ")";
	}

	private static String detail(JsonNode detail) {
		if (detail == null || !detail.isObject()) {
			return value(detail);
		}
		StringJoiner parts = new StringJoiner(", ");
		for (Map.Entry<String, JsonNode> field : detail.properties()) {
			parts.add(field.getKey() + "=" + value(field.getValue()));
		}
		return parts.toString();
	}

	private static String visible(String text, boolean keepLines) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			if (keepLines && (c == '\n' || c == '\t')) {
				out.appendCodePoint(c);
			}
			else if (c == '\n') {
				out.append("\\n");
			}
			else if (c == '\t') {
				out.append("\\t");
			}
			else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

}
