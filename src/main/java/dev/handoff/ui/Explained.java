package dev.handoff.ui;

import java.util.ArrayList;
import java.util.List;

import dev.handoff.guard.Violation;

/**
 * One violation as the UI shows it: numbered (the number marks its place in the payload), named in plain words,
 * with what was expected beside what was there.
 *
 * @param number its place in the list, from 1
 * @param pointer where it points in the message
 * @param field the pointer as a path of field names
 * @param rule the rule's code, for whoever talks to a developer
 * @param title the rule in a few words
 * @param advice what to do about it
 * @param message the guard's own sentence about this case
 * @param expected what the contract or the brief wants ("" when there is no single value to name)
 * @param actual what the message holds there
 */
record Explained(int number, String pointer, String field, String rule, String title, String advice, String message, String expected,
		String actual) {

	static List<Explained> of(List<Violation> violations) {
		UiFormat format = UiModel.FORMAT;
		List<Explained> explained = new ArrayList<>();
		for (Violation v : violations) {
			RuleWords.Words words = RuleWords.of(v.rule());
			boolean noExpected = v.expected() == null || v.expected().isNull();
			String expected = noExpected ? "" : expectedPrefix(v.rule()) + format.value(v.expected());
			explained.add(new Explained(explained.size() + 1, v.pointer(), format.field(v.pointer()), v.rule(), words.title(),
					advice(v, words), v.message(), expected, format.value(v.actual())));
		}
		return explained;
	}

	/** Makes the expected value read as a phrase where the bare value would not: "one of: a, b", "a valid email". */
	private static String expectedPrefix(String rule) {
		return switch (rule) {
			case "schema:enum" -> "one of: ";
			case "schema:format" -> "a valid ";
			case "schema:pattern" -> "text matching ";
			default -> "";
		};
	}

	/** A missing field is named, with where it belongs, so nobody has to read a pointer to add it. */
	private static String advice(Violation v, RuleWords.Words words) {
		int slash = v.pointer() == null ? -1 : v.pointer().lastIndexOf('/');
		if (!"schema:required".equals(v.rule()) || slash < 0) {
			return words.advice();
		}
		String missing = UiModel.FORMAT.field(v.pointer().substring(slash));
		String parent = v.pointer().substring(0, slash);
		return "The contract requires " + missing + (parent.isEmpty() ? " at the top of the message" : " in " + UiModel.FORMAT.field(parent))
				+ ", and it is not there. Add it.";
	}

	/** Whether there is an expected value to show beside the actual one. */
	public boolean compared() {
		return !expected.isEmpty();
	}
}
