package dev.handoff.gate;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Gates beyond the shipped one: on the brief, a new version that moves the landing URL
 * waits for approval before it becomes the truth; on tracking events, an unsubscribe
 * waits, whether it comes alone, in a batch or as a replayed reject.
 */
class BriefGateTest extends EdgeTestSupport {

	private static final String LANDING = "Brand owner approves a new landing page";

	private static final String UNSUBSCRIBE = "Privacy team confirms unsubscribes";

	@DynamicPropertySource
	static void gatedContracts(DynamicPropertyRegistry registry) {
		try {
			Path contracts = TestFiles.copy(Path.of("contracts"),
					Files.createTempDirectory("handoff-gates-").resolve("contracts"));
			TestFiles.replace(contracts.resolve("brief-approved.schema.json"), "\"source\": true,",
					"\"source\": true, \"gate\": {\"reason\": \"" + LANDING + "\", \"changed\": [\"landing_url\"]},");
			TestFiles.replace(contracts.resolve("tracking-event.schema.json"), "\"channel\": \"email\",",
					"\"channel\": \"email\", \"gate\": " + "{\"reason\": \"" + UNSUBSCRIBE
							+ "\", \"if\": {\"properties\": {\"event\": {\"const\": \"Unsubscribed\"}}}},");
			// a queue edge cannot hold events for a person, so the Kafka edge, which
			// checks tracking events too, is left out
			Path routes = TestFiles.copy(Path.of("routes"), contracts.resolveSibling("routes"));
			Files.delete(routes.resolve("tracking-kafka.yaml"));
			registry.add("handoff.contracts.dir", contracts::toString);
			registry.add("HANDOFF_ROUTES_DIR", routes::toString);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Test
	void holdsALateChangeOfTheLandingUrlUntilItIsApproved() {
		assertThat(
				json(send("brief-approved", bytes(example("brief-approved", "01-approved-brief.json")))).get("outcome")
					.asText())
			.as("a first version changes nothing")
			.isEqualTo("accepted");

		HttpResponse<String> late = send("brief-approved",
				bytes(example("brief-approved", "02-late-change-of-landing-url.json")));

		assertThat(late.statusCode()).isEqualTo(202);
		assertThat(json(late).get("status").asText()).isEqualTo("held");
		assertThat(json(late).get("reason").asText()).isEqualTo(LANDING);
		String id = json(late).get("id").asText();
		JsonNode truth = json(get("/api/truth/C-1001"));
		assertThat(truth.get("version").asLong()).isEqualTo(1);
		assertThat(truth.at("/fields/landing_url").asText()).isEqualTo("https://shop.example.com/spring-sale");
		assertThat(json(get("/api/held/" + id)).at("/newTruth/landing_url").asText())
			.isEqualTo("https://shop.example.com/spring-sale-2027");
		HttpResponse<String> early = send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json")));
		assertThat(early.statusCode()).as("nothing may be built on a version nobody approved").isEqualTo(422);
		assertThat(early.body()).contains("unknown-version");

		HttpResponse<String> approved = decide(id, "approve", "{\"comment\": \"New page is live\"}");

		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		assertThat(json(approved).get("truthVersion").asLong()).isEqualTo(2);
		truth = json(get("/api/truth/C-1001"));
		assertThat(truth.get("version").asLong()).isEqualTo(2);
		assertThat(truth.at("/fields/landing_url").asText()).isEqualTo("https://shop.example.com/spring-sale-2027");
		assertThat(truth.at("/history/0/messageId").asText()).isEqualTo(id);
		assertThat(send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json"))).statusCode())
			.isEqualTo(202);
	}

	@Test
	void letsANewVersionThatKeepsTheGatedFieldsBecomeTheTruthAtOnce() {
		assertThat(send("brief-approved", brief("C-3003", 1, "https://shop.example.com/autumn", "Autumn Sale"))
			.statusCode()).isEqualTo(202);
		HttpResponse<String> renamed = send("brief-approved",
				brief("C-3003", 2, "https://shop.example.com/autumn", "Autumn Sale 2027"));
		assertThat(json(renamed).get("outcome").asText()).isEqualTo("accepted");
		assertThat(json(get("/api/truth/C-3003")).get("version").asLong()).isEqualTo(2);
	}

	@Test
	void refusesToApproveAChangeTheTruthHasMovedPast() {
		send("brief-approved", brief("C-4004", 1, "https://shop.example.com/winter", "Winter Sale"));
		String id = json(
				send("brief-approved", brief("C-4004", 2, "https://shop.example.com/winter-2027", "Winter Sale")))
			.get("id")
			.asText();
		assertThat(
				json(send("brief-approved", brief("C-4004", 3, "https://shop.example.com/winter", "Winter Sale 2027")))
					.get("outcome")
					.asText())
			.isEqualTo("accepted");

		HttpResponse<String> approved = decide(id, "approve", "{}");

		assertThat(approved.statusCode()).isEqualTo(409);
		assertThat(json(approved).get("detail").asText()).contains("brief version 3")
			.contains("version 2 can no longer become the truth");
		assertThat(json(get("/api/truth/C-4004")).get("version").asLong()).isEqualTo(3);
		assertThat(json(get("/api/held/" + id)).get("status").asText()).isEqualTo("held");
	}

	@Test
	void keepsTheTruthWhenAChangeIsDeclined() {
		send("brief-approved", brief("C-5005", 1, "https://shop.example.com/summer", "Summer Sale"));
		byte[] change = brief("C-5005", 2, "https://shop.example.com/summer-2027", "Summer Sale");
		String id = json(send("brief-approved", change)).get("id").asText();

		HttpResponse<String> declined = decide(id, "decline", "{\"comment\": \"The new page is not signed off\"}");

		assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
		JsonNode reject = json(get("/api/rejects/" + json(declined).get("rejectId").asText()));
		assertThat(reject.at("/violations/0/rule").asText()).isEqualTo("declined");
		assertThat(reject.get("edge").asText()).isEqualTo("brief-approved");
		assertThat(storedPayload(reject.get("id").asText())).isEqualTo(change);
		assertThat(json(get("/api/truth/C-5005")).get("version").asLong()).isEqualTo(1);
	}

	@Test
	void holdsAGatedEventOfABatchOnItsOwnAndSendsItAsABatchOfOneOnceApproved() throws IOException {
		send("brief-approved", bytes(example("brief-approved", "01-approved-brief.json")));
		ObjectNode click = (ObjectNode) example("tracking-event", "01-good-click.json");
		ObjectNode unsubscribe = click.deepCopy().put("event", "Unsubscribed").put("messageId", "evt-unsub-1");
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("batch").add(click).add(unsubscribe);

		HttpResponse<String> response = send("tracking-batch", bytes(batch));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(json(response).get("outcome").asText()).isEqualTo("partly accepted");
		JsonNode held = json(response).get("held").get(0);
		assertThat(held.get("index").asInt()).isEqualTo(1);
		assertThat(held.get("reason").asText()).isEqualTo(UNSUBSCRIBE);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(batches()).hasSize(1));
		assertThat(JSON.readTree(batches().get(0).getBody()).get("batch")).extracting(e -> e.get("event").asText())
			.containsExactly("Email Link Clicked");

		String id = held.get("id").asText();
		assertThat(decide(id, "approve", "{}").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(batches()).hasSize(2));
		LoggedRequest approved = tools
			.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")).withHeader("Idempotency-Key", equalTo(id)))
			.get(0);
		JsonNode sent = JSON.readTree(approved.getBody()).get("batch");
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).get("messageId").asText()).isEqualTo("evt-unsub-1");
		assertThat(sent.get(0).at("/context/campaign/name").asText()).as("generated values applied")
			.isEqualTo("spring-sale-2027-c-1001");
	}

	@Test
	void holdsAReplayedRejectThatItsGateMatchesInsteadOfDeliveringIt() {
		ObjectNode unsubscribe = ((ObjectNode) example("tracking-event", "01-good-click.json")).put("event",
				"Unsubscribed");
		ObjectNode properties = (ObjectNode) unsubscribe.get("properties");
		properties.put("campaign_id", "C-6006")
			.put("link_url", properties.get("link_url").asText().replace("c-1001", "c-6006"));
		HttpResponse<String> rejected = send("tracking-event", bytes(unsubscribe));
		assertThat(rejected.body()).contains("unknown-campaign");
		String reject = json(rejected).get("id").asText();
		send("brief-approved", brief("C-6006", 1, "https://shop.example.com/spring-sale", "Spring Sale 2027"));

		HttpResponse<String> replayed = post("/api/rejects/" + reject + "/replay", null);

		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(json(replayed).get("outcome").asText()).isEqualTo("held");
		String id = json(replayed).get("id").asText();
		assertThat(json(get("/api/rejects/" + reject)).get("status").asText()).isEqualTo("replayed");
		JsonNode history = json(get("/api/rejects/" + reject)).get("history");
		JsonNode last = history.get(history.size() - 1);
		assertThat(last.get("outcome").asText()).as("the audit says held, not accepted").isEqualTo("held");
		assertThat(last.at("/detail/heldId").asText()).isEqualTo(id);
		assertThat(json(get("/api/held/" + id)).get("reason").asText()).isEqualTo(UNSUBSCRIBE);
		assertThat(tools
			.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")).withHeader("Idempotency-Key", equalTo(id))))
			.isEmpty();
		assertThat(decide(id, "approve", "{}").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(tools.findAll(
					postRequestedFor(urlPathEqualTo("/tracking/v1/track")).withHeader("Idempotency-Key", equalTo(id))))
				.hasSize(1));
	}

	private List<LoggedRequest> batches() {
		return tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")));
	}

	private static byte[] brief(String campaign, int version, String landing, String name) {
		ObjectNode brief = (ObjectNode) example("brief-approved", "01-approved-brief.json");
		((ObjectNode) brief.get("fields")).put("campaign_id", campaign)
			.put("version", version)
			.put("landing_url", landing)
			.put("name", name);
		return bytes(brief);
	}

	private HttpResponse<String> decide(String id, String action, String body) {
		return post("/api/held/" + id + "/" + action, body);
	}

	private HttpResponse<String> post(String path, String body) {
		return postApi(path, "test-admin-token", body);
	}

}
