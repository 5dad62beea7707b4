package dev.handoff.guard;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * The href values of {@code <a>} and {@code <area>} tags as a browser reads them: jsoup
 * parses the HTML by the HTML standard's rules (comments, script and style contents,
 * quoted and unquoted values, white space, the first of two hrefs), and says where each
 * value sits in the text, so the link check can rewrite the URL and keep every other
 * byte. A regular expression (and the hand scanner that mimicked it) missed unquoted
 * values and values with spaces around them, and rewrote links inside comments.
 */
final class Hrefs {

	private Hrefs() {
	}

	/**
	 * Where one href's URL sits: {@code text.substring(start, end)} as written (entities
	 * not decoded), without the white space a browser strips around it; {@code url} is
	 * the value as the browser reads it.
	 */
	record Href(int start, int end, String url) {
	}

	/** Every href of an a or area tag, in document order. */
	static List<Href> all(String text) {
		Document document = Jsoup.parse(text, "", Parser.htmlParser().setTrackPosition(true));
		List<Href> found = new ArrayList<>();
		for (Element link : document.select("a[href], area[href]")) {
			Range value = link.attributes().sourceRange("href").valueRange();
			if (!value.isTracked()) {
				continue;
			}
			int start = value.startPos();
			int end = value.endPos();
			// a browser strips ASCII white space around a URL; the spaces stay in the
			// text, outside what is rewritten
			while (start < end && space(text.charAt(start))) {
				start++;
			}
			while (end > start && space(text.charAt(end - 1))) {
				end--;
			}
			found.add(new Href(start, end, link.attr("href").strip()));
		}
		return found;
	}

	/** The HTML standard's ASCII white space. */
	private static boolean space(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
	}

}
