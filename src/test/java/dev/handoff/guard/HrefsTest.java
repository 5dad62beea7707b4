package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The href scanner finds exactly the values the regular expression it replaced found, in the same places. */
class HrefsTest {

	/** The pattern LinkCheck used, tried at each '<' followed by 'a' or 'A': the oracle. */
	private static final Pattern HREF = Pattern.compile("<(?:a|area)\\b[^>]*?\\shref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static List<String> byPattern(String text) {
		List<String> found = new ArrayList<>();
		Matcher m = HREF.matcher(text);
		int from = 0;
		outer: while (true) {
			for (int lt = text.indexOf('<', from); lt >= 0 && lt + 1 < text.length(); lt = text.indexOf('<', lt + 1)) {
				char c = text.charAt(lt + 1);
				if ((c == 'a' || c == 'A') && m.region(lt, text.length()).lookingAt()) {
					int group = m.group(1) != null ? 1 : 2;
					found.add(m.start(group) + ".." + m.end(group));
					from = m.end();
					continue outer;
				}
			}
			return found;
		}
	}

	private static List<String> byScanner(String text) {
		List<String> found = new ArrayList<>();
		for (Hrefs.Href h = Hrefs.next(text, 0); h != null; h = Hrefs.next(text, h.end() + 1)) {
			found.add(h.start() + ".." + h.end());
		}
		return found;
	}

	private static String value(String text) {
		Hrefs.Href h = Hrefs.next(text, 0);
		return h == null ? null : text.substring(h.start(), h.end());
	}

	@Test
	void findsQuotedValuesInAnyCaseAndLayout() {
		assertThat(value("<a href=\"https://x/a\">")).isEqualTo("https://x/a");
		assertThat(value("<A HREF='https://x/b'>")).isEqualTo("https://x/b");
		assertThat(value("<area shape=\"rect\"\n\thref\f=\u000B'https://x/c'>")).isEqualTo("https://x/c");
		assertThat(value("<a\n  data-href=\"https://x/d\"\n  href = \"https://x/e\">")).isEqualTo("https://x/e");
		assertThat(value("<a href=\"a>b\">")).as("a quoted value may hold '>'").isEqualTo("a>b");
		assertThat(value("<a href=\"https://x/#top\">")).isEqualTo("https://x/#top");
		assertThat(value("<a href=\"\">")).isEmpty();
	}

	@Test
	void skipsOtherTagsUnquotedValuesAndHrefsAfterTheTagEnds() {
		assertThat(value("<abbr href=\"https://x/a\">")).isNull();
		assertThat(value("<a_b href=\"https://x/a\"> <a1 href='x'> <aé href='x'> <a\u0301 href='x'> <areas href='x'>")).isNull();
		assertThat(value("<a href=https://x/a>")).isNull();
		assertThat(value("<a title=\">\" href=\"https://x/a\">")).isNull();
		assertThat(value("<a>text href=\"https://x/a\"")).isNull();
		assertThat(value("<a href=\"unclosed")).isNull();
		assertThat(value("<a\u00a0href=\"https://x/a\">")).as("only ASCII white space separates").isNull();
		assertThat(value("<")).isNull();
		assertThat(value("")).isNull();
	}

	@Test
	void aTagNameEndsAtPunctuationOrAnEmoji() {
		assertThat(value("<a-b href='x'>")).isEqualTo("x");
		assertThat(value("<a\ud83d\ude00 href='y'>")).isEqualTo("y");
		assertThat(value("<a\ud835\udc00 href='z'>")).as("a letter outside the BMP continues the name").isNull();
	}

	@Test
	void findsWhatThePatternFoundInGeneratedHtml() {
		String[] bits = { "<a", "<A", "<area", "<AREA", "<abbr", "<ar", "<b", "<", ">", " ", "\n", "\t", "\r", "\u000B", "\f", "\u00a0", "href", "HREF",
				"hRef", "data-href", "=", " = ", "\"", "'", "https://shop.example.com/p", "?x=1", "&amp;", "#f", "_", "1", "é", "\u0301", "\ud835\udc00",
				"\ud83d\ude00", "\ud83d", "-", "text" };
		Random random = new Random(7);
		for (int i = 0; i < 50_000; i++) {
			StringBuilder html = new StringBuilder();
			for (int n = 1 + random.nextInt(30); n > 0; n--) {
				html.append(bits[random.nextInt(bits.length)]);
			}
			String text = html.toString();
			assertThat(byScanner(text)).as(text).isEqualTo(byPattern(text));
		}
	}
}
