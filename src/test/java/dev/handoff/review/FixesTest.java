package dev.handoff.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.fge.jsonpatch.JsonPatch;
import dev.handoff.guard.Violation;
import org.junit.jupiter.api.Test;

class FixesTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String MESSAGE = """
			{"handoff": {"landing_url": "https://shop.example.com/spring-sael", "brief_version": 1},
			 "tracking": {"google_analytics": "Spring_Sale"}, "content": {"html": "<a href=\\"https://shop.example.com/x\\">x</a>"}}""";

	@Test
	void aMustMatchValueIsReplacedWithTheBriefsAfterATestOfWhatWasThere() throws Exception {
		List<Fix> fixes = Fixes.of(
				List.of(violation("/handoff/landing_url", "must-match", "https://shop.example.com/spring-sale")),
				message(), pointer -> null);
		assertThat(fixes).singleElement().satisfies(fix -> {
			assertThat(fix.kind()).isEqualTo(Fix.Kind.USE_EXPECTED);
			assertThat(fix.label()).isEqualTo("Use the brief's landing url");
			assertThat(fix.patch()).hasToString(
					"[{\"op\":\"test\",\"path\":\"/handoff/landing_url\",\"value\":\"https://shop.example.com/spring-sael\"},"
							+ "{\"op\":\"replace\",\"path\":\"/handoff/landing_url\",\"value\":\"https://shop.example.com/spring-sale\"}]");
		});
		assertThat(patched(fixes.get(0)).at("/handoff/landing_url").asText())
			.isEqualTo("https://shop.example.com/spring-sale");
	}

	@Test
	void aTypedGeneratedValueIsLeftOut() throws Exception {
		List<Fix> fixes = Fixes.of(
				List.of(violation("/tracking/google_analytics", "generated-mismatch", "spring-sale-2027-c-1001")),
				message(), pointer -> null);
		assertThat(fixes).singleElement().satisfies(fix -> {
			assertThat(fix.kind()).isEqualTo(Fix.Kind.LEAVE_OUT);
			assertThat(fix.label()).isEqualTo("Leave it out: Handoff fills it in");
		});
		assertThat(patched(fixes.get(0)).at("/tracking").has("google_analytics")).isFalse();
	}

	@Test
	void theLinkUtmViolationsOfOneFieldAreOneFixThatPutsInTheTaggedText() throws Exception {
		String tagged = "<a href=\"https://shop.example.com/x?utm_source=mailchimp\">x</a>";
		List<Fix> fixes = Fixes.of(
				List.of(violation("/content/html", "link-utm", "mailchimp"),
						violation("/content/html", "link-utm", "email")),
				message(), pointer -> pointer.equals("/content/html") ? tagged : null);
		assertThat(fixes).singleElement().satisfies(fix -> {
			assertThat(fix.kind()).isEqualTo(Fix.Kind.TAG_LINKS);
			assertThat(fix.violations()).containsExactly(1, 2);
		});
		assertThat(patched(fixes.get(0)).at("/content/html").asText()).isEqualTo(tagged);
	}

	@Test
	void noFixIsOfferedWhereNoSingleRightValueIsKnown() throws Exception {
		List<Violation> violations = List.of(violation("/handoff/brief_version", "stale-version", "2"),
				violation("/content/html", "link-utm", "mailchimp"),
				violation("/handoff/missing/deeper", "must-match", "x"), violation("", "parse", "JSON"),
				violation("/type", "schema:enum", "regular"));
		assertThat(Fixes.of(violations, message(), pointer -> null))
			.as("no truth to tag links with, no parent to add to")
			.isEmpty();
	}

	@Test
	void fixesAreNumberedFromOneInTheViolationsOrder() throws Exception {
		List<Fix> fixes = Fixes.of(List.of(violation("/handoff/brief_version", "stale-version", "2"),
				violation("/tracking/google_analytics", "generated-mismatch", "g"),
				violation("/handoff/landing_url", "must-match", "u")), message(), pointer -> null);
		assertThat(fixes).extracting(Fix::number, Fix::violations)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, List.of(2)),
					org.assertj.core.groups.Tuple.tuple(2, List.of(3)));
	}

	private static Violation violation(String pointer, String rule, String expected) {
		return new Violation(pointer, rule, "m", TextNode.valueOf(expected), null);
	}

	private static JsonNode message() throws Exception {
		return JSON.readTree(MESSAGE);
	}

	private static JsonNode patched(Fix fix) throws Exception {
		return JsonPatch.fromJson(fix.patch()).apply(message());
	}

}
