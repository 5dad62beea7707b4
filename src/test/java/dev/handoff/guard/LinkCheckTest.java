package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.LinkMode;
import dev.handoff.contract.Taxonomy;
import org.junit.jupiter.api.Test;

/**
 * Links to owned domains get the channel's UTM parameters; everything else in the field
 * stays as it was.
 */
class LinkCheckTest {

	private static final Taxonomy TAXONOMY = new ContractLoader().load(Path.of("contracts")).taxonomy();

	private static final UtmValues UTM = new UtmValues("spring-sale-c-1", "mailchimp", "email");

	private static LinkCheck.Outcome check(String text, LinkMode mode) {
		return LinkCheck.check("/content/html", text, mode, UTM, TAXONOMY);
	}

	@Test
	void addsTheThreeParametersToAnOwnedLinkInHtml() {
		assertThat(check("<p><a href=\"https://shop.example.com/a\">Shop</a></p>", LinkMode.REWRITE).text()).isEqualTo(
				"<p><a href=\"https://shop.example.com/a?utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-c-1\">Shop</a></p>");
	}

	@Test
	void keepsOtherParametersAndTheFragment() {
		assertThat(check("<a class='x' href='https://www.example.com/s?ref=hero#top'>x</a>", LinkMode.REWRITE).text())
			.isEqualTo(
					"<a class='x' href='https://www.example.com/s?ref=hero&amp;utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-c-1#top'>x</a>");
	}

	@Test
	void usesAPlainAmpersandInAUrlField() {
		assertThat(check("https://shop.example.com/a?x=1", LinkMode.REWRITE).text()).isEqualTo(
				"https://shop.example.com/a?x=1&utm_source=mailchimp&utm_medium=email&utm_campaign=spring-sale-c-1");
	}

	@Test
	void leavesOtherDomainsMailtoAndMergeTagsAlone() {
		String html = "<a href=\"https://help.example.org/r\">r</a><a href=\"mailto:a@example.com\">m</a><a href=\"*|UNSUB|*\">u</a>"
				+ "<a href=\"https://notexample.com/x\">n</a>";
		LinkCheck.Outcome outcome = check(html, LinkMode.REWRITE);
		assertThat(outcome.text()).isSameAs(html);
		assertThat(outcome.violations()).isEmpty();
	}

	@Test
	void reportsEachMissingParameterInCheckModeAndChangesNothing() {
		String html = "<a href=\"https://shop.example.com/a?utm_source=mailchimp\">a</a>";
		LinkCheck.Outcome outcome = check(html, LinkMode.CHECK);
		assertThat(outcome.text()).isSameAs(html);
		assertThat(outcome.violations()).extracting(Violation::rule).containsOnly("link-utm");
		assertThat(outcome.violations()).extracting(v -> v.expected().asText())
			.containsExactly("email", "spring-sale-c-1");
		assertThat(outcome.violations()).allSatisfy(v -> assertThat(v.actual()).isNull());
	}

	@Test
	void reportsAWrongValueInBothModes() {
		for (LinkMode mode : LinkMode.values()) {
			LinkCheck.Outcome outcome = check("<a href=\"https://shop.example.com/a?utm_source=newsletter\">a</a>",
					mode);
			assertThat(outcome.violations()).filteredOn(v -> v.actual() != null).singleElement().satisfies(v -> {
				assertThat(v.expected().asText()).isEqualTo("mailchimp");
				assertThat(v.actual().asText()).isEqualTo("newsletter");
				assertThat(v.message()).contains("https://shop.example.com/a?utm_source=newsletter");
			});
		}
	}

	@Test
	void findsTagsInAnyCaseAndLayoutAndSkipsTagsThatOnlyStartWithA() {
		String utm = "utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-c-1";
		String html = "<abbr href=\"https://shop.example.com/n\">no</abbr><A HREF='https://shop.example.com/u'>u</A>"
				+ "<a\n  data-href=\"https://shop.example.com/d\"\n  href = \"https://www.example.com/m\">m</a>"
				+ "<area shape=\"rect\" href=\"https://shop.example.com/r\"><a>no href</a><";
		assertThat(check(html, LinkMode.REWRITE).text()).isEqualTo("<abbr href=\"https://shop.example.com/n\">no</abbr>"
				+ "<A HREF='https://shop.example.com/u?" + utm + "'>u</A>"
				+ "<a\n  data-href=\"https://shop.example.com/d\"\n  href = \"https://www.example.com/m?" + utm
				+ "\">m</a>" + "<area shape=\"rect\" href=\"https://shop.example.com/r?" + utm + "\"><a>no href</a><");
	}

	@Test
	void checksAnOwnedHostWrittenInCapitals() {
		assertThat(check("<a href=\"HTTPS://SHOP.EXAMPLE.COM/a\">a</a>", LinkMode.REWRITE).text()).isEqualTo(
				"<a href=\"HTTPS://SHOP.EXAMPLE.COM/a?utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-c-1\">a</a>");
	}

	private static final String TAGS = "utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-c-1";

	@Test
	void tagsOwnedLinksInEveryFormABrowserFollowsAndKeepsTheRestByteForByte() {
		String html = "<a href=https://shop.example.com/a>a</a>\r\n<a href=\" https://shop.example.com/b \">b</a>"
				+ "<a href=//shop.example.com/c>c</a>";

		assertThat(check(html, LinkMode.REWRITE).text()).isEqualTo(
				"<a href=https://shop.example.com/a?" + TAGS + ">a</a>\r\n" + "<a href=\" https://shop.example.com/b?"
						+ TAGS + " \">b</a><a href=//shop.example.com/c?" + TAGS + ">c</a>");
	}

	@Test
	void flagsOwnedLinksInEveryFormABrowserFollows() {
		String html = "<a href=https://shop.example.com/a>a</a><a href=\" https://shop.example.com/b \">b</a><a href=//shop.example.com/c>c</a>";

		assertThat(check(html, LinkMode.CHECK).violations()).extracting(Violation::rule)
			.hasSize(9)
			.containsOnly("link-utm");
	}

	@Test
	void leavesALinkInsideACommentAlone() {
		String html = "<!-- old: <a href=\"https://shop.example.com/old\">x</a> --><a href=\"https://shop.example.com/new\">y</a>";

		assertThat(check(html, LinkMode.REWRITE).text()).isEqualTo(
				"<!-- old: <a href=\"https://shop.example.com/old\">x</a> --><a href=\"https://shop.example.com/new?"
						+ TAGS + "\">y</a>");
		assertThat(check("<!-- <a href=\"https://shop.example.com/old\">x</a> -->", LinkMode.CHECK).violations())
			.isEmpty();
	}

	@Test
	void theTaggedTextReplacesAWrongValueAndAddsTheMissingOnesLeavingTheRestAlone() {
		String html = "<a href=\"https://shop.example.com/s?ref=a&amp;utm_source=newsletter#top\">s</a> <a href=\"https://help.example.org/r\">r</a>";
		String tagged = LinkCheck.tagged("/content/html", html, UTM, TAXONOMY);
		assertThat(tagged).isEqualTo(
				"<a href=\"https://shop.example.com/s?ref=a&amp;utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-c-1#top\">s</a>"
						+ " <a href=\"https://help.example.org/r\">r</a>");
		assertThat(check(tagged, LinkMode.CHECK).violations()).as("the tagged text passes the check").isEmpty();
		assertThat(LinkCheck.tagged("/u", "https://shop.example.com/s?utm_source=mailchimp", UTM, TAXONOMY))
			.isEqualTo("https://shop.example.com/s?utm_source=mailchimp&utm_medium=email&utm_campaign=spring-sale-c-1");
	}

}
