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
			String expected = noExpected ? "" : ("schema:enum".equals(v.rule()) ? "one of: " : "") + format.value(v.expected());
			explained.add(new Explained(explained.size() + 1, v.pointer(), format.field(v.pointer()), v.rule(), words.title(), words.advice(),
					v.message(), expected, format.value(v.actual())));
		}
		return explained;
	}

	/** Whether there is an expected value to show beside the actual one. */
	public boolean compared() {
		return !expected.isEmpty();
	}
}
