package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The href values of a and area tags, found where a browser finds them, with their places
 * in the text.
 */
class HrefsTest {

	private static List<String> urls(String html) {
		return Hrefs.all(html).stream().map(Hrefs.Href::url).toList();
	}

	/** The text at each href's place: what a rewrite replaces. */
	private static List<String> places(String html) {
		return Hrefs.all(html).stream().map(h -> html.substring(h.start(), h.end())).toList();
	}

	@Test
	void findsQuotedValuesInAnyCaseAndLayout() {
		assertThat(urls("<a href=\"https://x/a\">")).containsExactly("https://x/a");
		assertThat(urls("<A HREF='https://x/b'>")).containsExactly("https://x/b");
		assertThat(urls("<area shape=\"rect\"\n\thref\f='https://x/c'>")).containsExactly("https://x/c");
		assertThat(urls("<a\n  data-href=\"https://x/d\"\n  href = \"https://x/e\">")).containsExactly("https://x/e");
		assertThat(urls("<a href=\"a>b\">")).as("a quoted value may hold '>'").containsExactly("a>b");
		assertThat(urls("<a title=\">\" href=\"https://x/f\">")).as("a '>' inside another attribute's quotes")
			.containsExactly("https://x/f");
	}

	@Test
	void findsWhatBrowsersFollowThatAPatternMissed() {
		assertThat(urls("<a href=https://x/a?b=1>")).as("an unquoted value").containsExactly("https://x/a?b=1");
		assertThat(places("<a href=\"  https://x/b  \">")).as("spaces around the URL stay outside it")
			.containsExactly("https://x/b");
		assertThat(urls("<a href=//x/c>")).as("a protocol-relative link").containsExactly("//x/c");
		assertThat(urls("<a href=\"https://x/d?a=1&amp;b=2\">")).as("entities decoded")
			.containsExactly("https://x/d?a=1&b=2");
		assertThat(places("<a href=\"https://x/d?a=1&amp;b=2\">")).as("and kept as written in place")
			.containsExactly("https://x/d?a=1&amp;b=2");
	}

	@Test
	void skipsWhatBrowsersDoNotFollow() {
		assertThat(urls("<!-- <a href=\"https://x/a\"> -->")).as("inside a comment").isEmpty();
		assertThat(urls("<script>var s = '<a href=\"https://x/b\">';</script>")).as("inside a script").isEmpty();
		assertThat(urls("<abbr href=\"https://x/c\"> <a-b href='x'> <areas href='x'>")).as("other tags").isEmpty();
		assertThat(urls("<a>text href=\"https://x/d\"")).as("after the tag ended").isEmpty();
		assertThat(urls("<a href=\"https://x/e\" href=\"https://x/f\">")).as("the first of two")
			.containsExactly("https://x/e");
	}

	@Test
	void placesAreExactWhateverComesBefore() {
		String html = "<p>caf\u00e9 \ud83d\ude00\r\n<a href=\"https://x/a\">a</a>\r\n<a href=https://x/b>b</a>";
		assertThat(places(html)).containsExactly("https://x/a", "https://x/b");
	}

}
