package dev.handoff.ui;

import java.util.List;

/**
 * A payload laid out for reading: JSON line by line (each line knows the pointer of its
 * value and which violations point there), or text as it came when it is not JSON.
 *
 * @param json whether it is laid out as JSON lines
 * @param lines the lines, when JSON
 * @param text the text, when not JSON
 * @param textMarks the violations that point at the whole text, when not JSON
 */
record PayloadView(boolean json, List<Line> lines, String text, List<Integer> textMarks) {

	/** The deepest indentation the stylesheet draws; deeper lines stay there. */
	static final int MAX_DEPTH = 12;

	/**
	 * One line of a JSON payload.
	 *
	 * @param depth how deep it is nested
	 * @param key the field name as JSON ({@code "medium": }), or null for array items and
	 * closing brackets
	 * @param value the value as JSON, or the opening or closing bracket
	 * @param kind {@code str}, {@code num}, {@code bool}, {@code null}, {@code punct} or
	 * {@code masked}, for colour
	 * @param pointer the value's JSON pointer, null on a closing bracket
	 * @param marks the numbers of the violations marked on this line
	 * @param comma whether a comma follows
	 */
	record Line(int depth, String key, String value, String kind, String pointer, List<Integer> marks, boolean comma) {

		public boolean marked() {
			return !marks.isEmpty();
		}

		public String indent() {
			return "d" + Math.min(depth, MAX_DEPTH);
		}
	}
}
