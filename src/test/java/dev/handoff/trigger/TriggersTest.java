package dev.handoff.trigger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Review triggers alert an edge's owner once when a threshold is crossed, stay quiet
 * while it holds, and resolve when it clears: a reject burst, a reject left open, a
 * message the tool keeps refusing, a campaign behind its brief.
 */
class TriggersTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void triggers(DynamicPropertyRegistry registry) throws IOException {
		Path contracts = TestFiles.copy(Path.of("contracts"), Files.createTempDirectory("handoff-triggers-"));
		Files.writeString(contracts.resolve("triggers.json"),
				"""
						{ "triggers": [
						  { "name": "reject-burst", "when": "rejects", "edge": "tracking-event", "threshold": 2, "window": "4s" },
						  { "name": "reject-waiting", "when": "open-reject-age", "edge": "email-campaign", "olderThan": "2s" },
						  { "name": "delivery-stuck", "when": "outbox-age", "edge": "tracking-batch", "olderThan": "2s" },
						  { "name": "campaign-behind", "when": "drift-age", "edge": "cms-landing-page", "olderThan": "2s" }
						] }
						""");
		registry.add("HANDOFF_CONTRACTS_DIR", contracts::toString);
		registry.add("handoff.triggers.interval", () -> "200ms");
		registry.add("handoff.notify.owners.tracking-event.name", () -> "Analytics team");
		registry.add("handoff.notify.owners.tracking-event.webhook", () -> tools.baseUrl() + "/hooks/analytics");
		registry.add("handoff.notify.owners.email-campaign.name", () -> "Email team");
		registry.add("handoff.notify.owners.email-campaign.webhook", () -> tools.baseUrl() + "/hooks/email");
		registry.add("handoff.notify.owners.tracking-batch.webhook", () -> tools.baseUrl() + "/hooks/batch");
		registry.add("handoff.notify.owners.cms-landing-page.webhook", () -> tools.baseUrl() + "/hooks/cms");
		registry.add("handoff.notify.base-url", () -> "https://handoff.example.com");
		// a minute of 1 s retries, so a batch the collector keeps refusing stays in the
		// outbox (not a delivery reject)
		// for as long as the outbox-age test needs
		registry.add("handoff.delivery.edges.tracking-batch.retry-waits",
				() -> String.join(",", Collections.nCopies(60, "1s")));
	}

	@BeforeEach
	void hooksAnswer() {
		tools.stubFor(post(urlPathEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(200)));
		tools.stubFor(post(urlPathEqualTo("/hooks/email")).willReturn(aResponse().withStatus(200)));
		tools.stubFor(post(urlPathEqualTo("/hooks/batch")).willReturn(aResponse().withStatus(200)));
		tools.stubFor(post(urlPathEqualTo("/hooks/cms")).willReturn(aResponse().withStatus(200)));
	}

	private List<JsonNode> received(String hook) {
		return tools.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + hook))).stream().map(r -> {
			try {
				return JSON.readTree(r.getBodyAsString());
			}
			catch (IOException e) {
				throw new AssertionError(e);
			}
		}).toList();
	}

	private List<JsonNode> received(String hook, String kind) {
		return received(hook).stream().filter(m -> m.at("/handoff/kind").asText().equals(kind)).toList();
	}

	/**
	 * Where the trigger stands on the edge, as {@code GET /api/triggers} shows it to a
	 * viewer.
	 */
	private JsonNode state(String trigger, String edge) {
		HttpResponse<String> answer = get("/api/triggers", "test-viewer-token");
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		for (JsonNode state : json(answer).get("states")) {
			if (state.get("trigger").asText().equals(trigger) && state.get("edge").asText().equals(edge)) {
				return state;
			}
		}
		throw new AssertionError("no state of " + trigger + " on " + edge + " in " + answer.body());
	}

	private String outboxStatus(String edge) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE edge = ?", String.class, edge);
	}

	private void typedMedium() {
		ObjectNode event = example("tracking-event", "02-typed-medium.json").deepCopy();
		event.put("messageId", UUID.randomUUID().toString());
		assertThat(send("tracking-event", bytes(event)).statusCode()).isEqualTo(422);
	}

	@Test
	void aRejectBurstAlertsOnceWhileItHoldsAndResolvesWhenItClears() {
		briefsApproved();
		typedMedium();
		typedMedium();
		await().during(Duration.ofMillis(600))
			.atMost(Duration.ofSeconds(3))
			.until(() -> received("analytics").isEmpty());

		typedMedium();
		await().atMost(Duration.ofSeconds(5)).until(() -> received("analytics").size() == 1);
		JsonNode alert = received("analytics").get(0);
		assertThat(alert.at("/handoff/kind").asText()).isEqualTo("alert");
		assertThat(alert.at("/handoff/trigger").asText()).isEqualTo("reject-burst");
		assertThat(alert.at("/handoff/edge").asText()).isEqualTo("tracking-event");
		assertThat(alert.at("/handoff/measured").asText()).startsWith("3 rejects within 4s");
		assertThat(alert.at("/handoff/link").asText())
			.isEqualTo("https://handoff.example.com/ui/rejects?edge=tracking-event&status=open");
		assertThat(alert.get("text").asText()).contains("Analytics team").contains("more than 2 rejects within 4s");

		typedMedium();
		HttpResponse<String> states = get("/api/triggers", "test-viewer-token");
		assertThat(states.statusCode()).isEqualTo(200);
		assertThat(json(states).get("states").findValuesAsText("trigger")).contains("reject-burst");
		await().atMost(Duration.ofSeconds(10)).until(() -> received("analytics").size() == 2);
		List<JsonNode> all = received("analytics");
		assertThat(all.get(0).at("/handoff/kind").asText()).as("no second alert while it held").isEqualTo("alert");
		assertThat(all.get(1).at("/handoff/kind").asText()).isEqualTo("resolved");
		assertThat(all.get(1).get("text").asText()).contains("reject-burst")
			.contains("tracking-event")
			.contains("after");
		await().during(Duration.ofMillis(800))
			.atMost(Duration.ofSeconds(3))
			.until(() -> received("analytics").size() == 2);
	}

	@Test
	void aRejectLeftOpenTooLongAlertsAndResolvesWhenItIsDiscarded() {
		briefsApproved();
		ObjectNode stale = example("email-campaign", "03-built-from-the-old-brief.json").deepCopy();
		HttpResponse<String> rejected = send("email-campaign", bytes(stale));
		assertThat(rejected.statusCode()).isEqualTo(422);
		String id = json(rejected).get("id").asText();
		await().atMost(Duration.ofSeconds(8)).until(() -> received("email").size() == 1);
		assertThat(received("email").get(0).at("/handoff/trigger").asText()).isEqualTo("reject-waiting");

		assertThat(postApi("/api/rejects/" + id + "/discard", "test-operator-token", "{\"reason\":\"rebuilt by hand\"}")
			.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> received("email").size() == 2);
		assertThat(received("email").get(1).at("/handoff/kind").asText()).isEqualTo("resolved");
	}

	@Test
	void aMessageTheToolKeepsRefusingAlertsOnceAndResolvesWhenItIsDelivered() {
		briefsApproved();
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/batch")).atPriority(1).willReturn(aResponse().withStatus(503)));
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("batch").add(example("tracking-event", "01-good-click.json"));
		assertThat(send("tracking-batch", bytes(batch)).statusCode()).isEqualTo(202);

		await("the delivery-stuck alert").atMost(Duration.ofSeconds(20)).until(() -> received("batch").size() == 1);
		JsonNode alert = received("batch").get(0);
		assertThat(alert.at("/handoff/kind").asText()).isEqualTo("alert");
		assertThat(alert.at("/handoff/trigger").asText()).isEqualTo("delivery-stuck");
		assertThat(alert.at("/handoff/edge").asText()).isEqualTo("tracking-batch");
		assertThat(alert.at("/handoff/measured").asText()).startsWith("the oldest undelivered message is")
			.endsWith("old (limit 2s)");
		assertThat(alert.at("/handoff/link").asText()).isEqualTo("https://handoff.example.com/ui/edges");
		assertThat(alert.get("text").asText()).contains("a message waiting for delivery for more than 2s");
		assertThat(outboxStatus("tracking-batch")).as("still owed, not given up").isEqualTo("pending");
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")))).as("the collector was tried")
			.isNotEmpty();
		assertThat(state("delivery-stuck", "tracking-batch").get("firing").asBoolean()).isTrue();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> received("batch").size() == 1);

		tools.stubFor(post(urlPathEqualTo("/tracking/v1/batch")).atPriority(1)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"success\": true}")));
		await("the delivery-stuck resolve").atMost(Duration.ofSeconds(20)).until(() -> received("batch").size() == 2);
		assertThat(outboxStatus("tracking-batch")).isEqualTo("delivered");
		List<LoggedRequest> sends = tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")));
		assertThat(sends).as("refused at least once, then taken").hasSizeGreaterThan(1);
		assertThat(sends).extracting(r -> r.getHeader("Idempotency-Key"))
			.as("one message, sent again")
			.containsOnly(sends.get(0).getHeader("Idempotency-Key"));
		JsonNode resolved = received("batch").get(1);
		assertThat(resolved.at("/handoff/kind").asText()).isEqualTo("resolved");
		assertThat(resolved.at("/handoff/trigger").asText()).isEqualTo("delivery-stuck");
		assertThat(resolved.at("/handoff/measured").asText()).isEqualTo("none");
		assertThat(state("delivery-stuck", "tracking-batch").get("firing").asBoolean()).isFalse();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE edge = 'tracking-batch'", Integer.class))
			.isZero();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> received("batch").size() == 2);
	}

	@Test
	void aCampaignBehindItsBriefTooLongAlertsAndResolvesWhenTheEdgeCatchesUp() {
		briefsApproved("C-2001");
		page(2, "https://shop.example.com/spring-sale-2027");
		await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(outboxStatus("cms-landing-page")));

		ObjectNode moved = example("brief-approved", "02-late-change-of-landing-url.json").deepCopy();
		((ObjectNode) moved.get("fields")).put("campaign_id", "C-2001")
			.put("version", 3)
			.put("landing_url", "https://shop.example.com/moved");
		assertThat(send("brief-approved", bytes(moved)).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10)).until(() -> received("cms", "late-change").size() == 1);

		await("the campaign-behind alert").atMost(Duration.ofSeconds(20))
			.until(() -> received("cms", "alert").size() == 1);
		JsonNode alert = received("cms", "alert").get(0);
		assertThat(alert.at("/handoff/trigger").asText()).isEqualTo("campaign-behind");
		assertThat(alert.at("/handoff/edge").asText()).isEqualTo("cms-landing-page");
		assertThat(alert.at("/handoff/measured").asText()).startsWith("the oldest drift is").endsWith("old (limit 2s)");
		assertThat(alert.at("/handoff/link").asText())
			.isEqualTo("https://handoff.example.com/ui/drift?edge=cms-landing-page");
		assertThat(state("campaign-behind", "cms-landing-page").get("firing").asBoolean()).isTrue();
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(4))
			.until(() -> received("cms", "alert").size() == 1 && received("cms", "resolved").isEmpty());

		page(3, "https://shop.example.com/moved");
		await("the campaign-behind resolve").atMost(Duration.ofSeconds(20))
			.until(() -> received("cms", "resolved").size() == 1);
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM outbox WHERE edge = 'cms-landing-page' AND status = 'delivered'", Integer.class))
			.as("the page on v3 reached WordPress")
			.isEqualTo(2);
		JsonNode resolved = received("cms", "resolved").get(0);
		assertThat(resolved.at("/handoff/trigger").asText()).isEqualTo("campaign-behind");
		assertThat(resolved.at("/handoff/measured").asText()).isEqualTo("none");
		assertThat(state("campaign-behind", "cms-landing-page").get("firing").asBoolean()).isFalse();
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(4))
			.until(() -> received("cms", "alert").size() == 1 && received("cms", "resolved").size() == 1);
	}

	private void page(int version, String landingUrl) {
		ObjectNode page = example("cms-landing-page", "01-good-page.json").deepCopy();
		((ObjectNode) page.get("meta")).put("campaign_id", "C-2001")
			.put("brief_version", version)
			.put("landing_url", landingUrl);
		HttpResponse<String> answer = send("cms-landing-page", bytes(page));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
	}

}
