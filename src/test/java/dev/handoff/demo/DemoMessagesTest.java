package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README walkthrough's messages are the shipped examples, so the end-to-end test covers what a newcomer sends. */
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
}
