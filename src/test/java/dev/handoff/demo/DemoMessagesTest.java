package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README walkthrough's messages are the shipped examples, so the end-to-end test
 * covers what a newcomer sends.
 */
class DemoMessagesTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@ParameterizedTest
	@CsvSource({ "brief-v1.json, brief-approved/01-approved-brief.json",
			"brief-v2-late-change.json, brief-approved/02-late-change-of-landing-url.json",
			"email-good.json, email-campaign/01-good-campaign.json",
			"email-stale.json, email-campaign/03-built-from-the-old-brief.json",
			"email-typed-utm.json, email-campaign/02-typed-utm-campaign.json",
			"email-regulated-offer.json, email-campaign/12-regulated-offer-held.json" })
	void demoMessageIsTheShippedExample(String demo, String example) throws IOException {
		JsonNode message = JSON.readTree(Path.of("demo", demo).toFile());
		JsonNode shipped = JSON.readTree(Path.of("contracts/examples", example).toFile()).get("message");
		assertThat(message).isEqualTo(shipped);
	}

	@Test
	void everyFileTheWalkthroughSendsIsShipped() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		Matcher files = Pattern.compile("(?:@|--patch |jq \\.message )((?:demo|contracts/examples)/[\\w./-]+\\.json)")
			.matcher(readme);
		List<String> named = new ArrayList<>();
		while (files.find()) {
			named.add(files.group(1));
		}
		assertThat(named).contains("demo/fix-typed-utm.json", "demo/brief-v3-after-delivery.json");
		for (String file : named) {
			assertThat(Path.of(file)).as("the README sends " + file).isRegularFile();
		}
	}

	@Test
	void thePatchOfStepEightRemovesTheTypedValueSoHandoffGeneratesIt() throws Exception {
		JsonNode typed = JSON.readTree(Path.of("demo/email-typed-utm.json").toFile());
		JsonPatch patch = JsonPatch.fromJson(JSON.readTree(Path.of("demo/fix-typed-utm.json").toFile()));
		JsonNode fixed = patch.apply(typed);
		assertThat(typed.at("/tracking/google_analytics").isMissingNode()).isFalse();
		assertThat(fixed.at("/tracking/google_analytics").isMissingNode()).isTrue();
		JsonNode expected = typed.deepCopy();
		((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("tracking")).remove("google_analytics");
		assertThat(fixed).as("nothing else changes").isEqualTo(expected);
	}

}
