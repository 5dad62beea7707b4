package dev.handoff.guard;

/**
 * Finds the quoted href values of {@code <a>} and {@code <area>} tags by scanning characters. It finds exactly what the
 * regular expression {@code <(?:a|area)\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')} (case-insensitive) found, tried at
 * each '<', but without a regex engine on every tag: the link scan was a fifth of the guard on an email.
 */
final class Hrefs {

	private Hrefs() {
	}

	/**
	 * Where one href value sits: {@code text.substring(start, end)} is the value between its quotes, and the search for the
	 * next one goes on after the closing quote at {@code end}.
	 */
	record Href(int start, int end) {
	}

	/** The first href value of an a or area tag that starts at or after {@code from}, or null when there is none. */
	static Href next(String text, int from) {
		for (int lt = text.indexOf('<', from); lt >= 0 && lt + 1 < text.length(); lt = text.indexOf('<', lt + 1)) {
			int name = tagNameEnd(text, lt + 1);
			Href href = name < 0 ? null : hrefIn(text, name);
			if (href != null) {
				return href;
			}
		}
		return null;
	}

	/** The end of the tag name "a" or "area" (any case) starting at {@code i}, or -1 when the tag is another one. */
	private static int tagNameEnd(String text, int i) {
		if (!asciiIgnoreCase(text, i, "a")) {
			return -1;
		}
		if (wordBoundary(text, i + 1)) {
			return i + 1;
		}
		return asciiIgnoreCase(text, i, "area") && wordBoundary(text, i + 4) ? i + 4 : -1;
	}

	/**
	 * The first {@code \shref\s*=\s*} followed by a quoted value before the tag's first '>', as the lazy {@code [^>]*?} tries
	 * them; the value itself may hold '>' and runs to the next quote of the same kind.
	 */
	private static Href hrefIn(String text, int from) {
		for (int at = from; at < text.length() && text.charAt(at) != '>'; at++) {
			if (!space(text.charAt(at)) || !asciiIgnoreCase(text, at + 1, "href")) {
				continue;
			}
			int i = skipSpaces(text, at + 5);
			if (i >= text.length() || text.charAt(i) != '=') {
				continue;
			}
			i = skipSpaces(text, i + 1);
			if (i >= text.length() || (text.charAt(i) != '"' && text.charAt(i) != '\'')) {
				continue;
			}
			int close = text.indexOf(text.charAt(i), i + 1);
			if (close >= 0) {
				return new Href(i + 1, close);
			}
		}
		return null;
	}

	/** Java's {@code \b} after the letter 'a': the next code point is no letter, digit, '_' or non-spacing mark (or there is none). */
	private static boolean wordBoundary(String text, int i) {
		if (i >= text.length()) {
			return true;
		}
		int c = text.codePointAt(i);
		return !(c == '_' || Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK);
	}

	/** Java's {@code \s}: the six ASCII white space characters. */
	private static boolean space(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
	}

	private static int skipSpaces(String text, int i) {
		while (i < text.length() && space(text.charAt(i))) {
			i++;
		}
		return i;
	}

	/** The lower-case ASCII {@code word} at {@code i}, each letter in either case (the pattern had no UNICODE_CASE). */
	private static boolean asciiIgnoreCase(String text, int i, String word) {
		if (i + word.length() > text.length()) {
			return false;
		}
		for (int j = 0; j < word.length(); j++) {
			char c = text.charAt(i + j);
			char w = word.charAt(j);
			if (c != w && c != Character.toUpperCase(w)) {
				return false;
			}
		}
		return true;
	}
}
