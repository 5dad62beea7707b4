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
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Review triggers alert an edge's owner once when a threshold is crossed, stay quiet while it holds, and resolve when it clears. */
class TriggersTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void triggers(DynamicPropertyRegistry registry) throws IOException {
		Path contracts = TestFiles.copy(Path.of("contracts"), Files.createTempDirectory("handoff-triggers-"));
		Files.writeString(contracts.resolve("triggers.json"), """
				{ "triggers": [
				  { "name": "reject-burst", "when": "rejects", "edge": "tracking-event", "threshold": 2, "window": "4s" },
				  { "name": "reject-waiting", "when": "open-reject-age", "edge": "email-campaign", "olderThan": "2s" }
				] }
				""");
		registry.add("HANDOFF_CONTRACTS_DIR", contracts::toString);
		registry.add("handoff.triggers.interval", () -> "200ms");
		registry.add("handoff.notify.owners.tracking-event.name", () -> "Analytics team");
		registry.add("handoff.notify.owners.tracking-event.webhook", () -> tools.baseUrl() + "/hooks/analytics");
		registry.add("handoff.notify.owners.email-campaign.name", () -> "Email team");
		registry.add("handoff.notify.owners.email-campaign.webhook", () -> tools.baseUrl() + "/hooks/email");
		registry.add("handoff.notify.base-url", () -> "https://handoff.example.com");
	}

	@BeforeEach
	void hooksAnswer() {
		tools.stubFor(post(urlPathEqualTo("/hooks/analytics")).willReturn(aResponse().withStatus(200)));
		tools.stubFor(post(urlPathEqualTo("/hooks/email")).willReturn(aResponse().withStatus(200)));
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
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> received("analytics").isEmpty());

		typedMedium();
		await().atMost(Duration.ofSeconds(5)).until(() -> received("analytics").size() == 1);
		JsonNode alert = received("analytics").get(0);
		assertThat(alert.at("/handoff/kind").asText()).isEqualTo("alert");
		assertThat(alert.at("/handoff/trigger").asText()).isEqualTo("reject-burst");
		assertThat(alert.at("/handoff/edge").asText()).isEqualTo("tracking-event");
		assertThat(alert.at("/handoff/measured").asText()).startsWith("3 rejects within 4s");
		assertThat(alert.at("/handoff/link").asText()).isEqualTo("https://handoff.example.com/ui/rejects?edge=tracking-event&status=open");
		assertThat(alert.get("text").asText()).contains("Analytics team").contains("more than 2 rejects within 4s");

		typedMedium();
		HttpResponse<String> states = get("/api/triggers", "test-viewer-token");
		assertThat(states.statusCode()).isEqualTo(200);
		assertThat(json(states).get("states").findValuesAsText("trigger")).contains("reject-burst");
		await().atMost(Duration.ofSeconds(10)).until(() -> received("analytics").size() == 2);
		List<JsonNode> all = received("analytics");
		assertThat(all.get(0).at("/handoff/kind").asText()).as("no second alert while it held").isEqualTo("alert");
		assertThat(all.get(1).at("/handoff/kind").asText()).isEqualTo("resolved");
		assertThat(all.get(1).get("text").asText()).contains("reject-burst").contains("tracking-event").contains("after");
		await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> received("analytics").size() == 2);
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

		assertThat(postApi("/api/rejects/" + id + "/discard", "test-operator-token", "{\"reason\":\"rebuilt by hand\"}").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(() -> received("email").size() == 2);
		assertThat(received("email").get(1).at("/handoff/kind").asText()).isEqualTo("resolved");
	}
}
