package dev.handoff.ui;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.guard.PlainWords;
import dev.handoff.guard.Rules;
import dev.handoff.guard.Violation;

/**
 * One violation as the UI shows it: numbered (the number marks its place in the payload),
 * named in plain words, with what was expected beside what was there, and the engineer's
 * detail folded away.
 *
 * @param number its place in the list, from 1
 * @param pointer where it points in the message
 * @param field the pointer as a path of field names
 * @param rule the rule's code, for whoever talks to a developer
 * @param title the rule in a few words
 * @param advice what to do about it, where the message does not say so already ("" then)
 * @param message the guard's own sentence about this case
 * @param expected what the contract or the brief wants ("" when there is no single value
 * to name)
 * @param actual what the message holds there
 * @param detail the validator's or parser's own text, for engineers (null when there is
 * none)
 */
record Explained(int number, String pointer, String field, String rule, String title, String advice, String message,
		String expected, String actual, String detail) {

	static List<Explained> of(List<Violation> violations) {
		UiFormat format = UiModel.FORMAT;
		List<Explained> explained = new ArrayList<>();
		for (Violation v : violations) {
			RuleWords.Words words = RuleWords.of(v.rule());
			boolean noExpected = v.expected() == null || v.expected().isNull();
			String expected = noExpected ? "" : expected(v.rule(), v.expected());
			explained.add(new Explained(explained.size() + 1, v.pointer(), format.field(v.pointer()), v.rule(),
					words.title(), advice(v, words), v.message(), expected, format.value(v.actual()), v.detail()));
		}
		return explained;
	}

	/**
	 * Makes the expected value read as a phrase where the bare value would not: "one of:
	 * a, b", "an email address".
	 */
	private static String expected(String rule, JsonNode expected) {
		return switch (rule) {
			case "schema:enum" -> "one of: " + UiModel.FORMAT.value(expected);
			case "schema:format" -> PlainWords.format(expected.asText());
			default -> UiModel.FORMAT.value(expected);
		};
	}

	/**
	 * A schema or parse violation's message already says, about the field, what is wrong
	 * and what would be right (the guard words it from the contract); the rule's general
	 * advice would only repeat it less precisely.
	 */
	private static String advice(Violation v, RuleWords.Words words) {
		boolean worded = v.rule() != null && (v.rule().startsWith(Rules.SCHEMA_PREFIX) || v.rule().equals(Rules.PARSE));
		return worded ? "" : words.advice();
	}

	/** Whether there is advice beyond the message. */
	public boolean advised() {
		return !advice.isEmpty();
	}

	/** Whether there is an expected value to show beside the actual one. */
	public boolean compared() {
		return !expected.isEmpty();
	}
}
