package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The steps a route declares between its guard and its accept shape what the tool gets,
 * for live messages and for every other way a message reaches the outbox: a replay, a
 * corrected replay, a bulk replay, an approval of a held message and the replay of a
 * delivery the tool refused. Here the email edge drops the {@code handoff} block with jq
 * and a choice sends the EU list to another target.
 */
class RouteStepsTest extends EdgeTestSupport {

	private static final String MAIN = "/email/3.0/campaigns";

	private static final String EU = "/email/eu/3.0/campaigns";

	@DynamicPropertySource
	static void shapingRoutes(DynamicPropertyRegistry registry) throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		String email = Files.readString(routes.resolve("email-campaign.yaml"));
		String accept = email.lines().filter(l -> l.contains("- to: handoff:accept")).findFirst().orElseThrow();
		TestFiles.replace(routes.resolve("email-campaign.yaml"), accept, """
				# Mailchimp takes no handoff block
				- transform:
				    jq: 'del(.handoff)'
				- choice:
				    when:
				      - jq: '.recipients.list_id == "e0e0e0e0e0"'
				        steps:
				          - to: handoff:accept?deliverTo={{handoff.tools.email-url}}/eu/3.0/campaigns
				    otherwise:
				      steps:
				        - to: handoff:accept?deliverTo={{handoff.tools.email-url}}/3.0/campaigns""".indent(8)
			.stripTrailing());
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
	}

	@Test
	void aLiveMessageReachesTheToolAsTheRouteShapedItAndTheAcceptedOneIsKeptBeside() throws IOException {
		briefsApproved();
		String title = unique();
		HttpResponse<String> answer = send("email-campaign", bytes(campaign(title, "4ca5becb8d")));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

		JsonNode received = receivedAt(MAIN, title);
		assertThat(received.has("handoff")).as("the handoff block is not sent to the tool").isFalse();
		assertThat(received.at("/content/html").asText()).as("the guard's rewriting is kept")
			.contains("utm_source=mailchimp");
		assertThat(receivedCount(EU, title)).isZero();
		String id = json(answer).get("id").asText();
		JsonNode stored = JSON
			.readTree(jdbc.queryForObject("SELECT payload FROM outbox WHERE id = ?", byte[].class, id));
		JsonNode accepted = JSON
			.readTree(jdbc.queryForObject("SELECT message FROM outbox WHERE id = ?", byte[].class, id));
		assertThat(stored).isEqualTo(received);
		assertThat(accepted.at("/handoff/campaign_id").asText()).isEqualTo("C-1001");
	}

	@Test
	void aReplayTakesTheBranchALiveMessageWouldAndIsShapedTheSameWay() {
		String title = unique();
		HttpResponse<String> refused = send("email-campaign",
				bytes(campaign(title, "e0e0e0e0e0").put("type", "plaintext-only")));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		briefsApproved();
		String reject = json(refused).get("id").asText();

		HttpResponse<String> replayed = postApi("/api/rejects/" + reject + "/replay", "test-operator-token",
				"application/json-patch+json", "[{\"op\": \"replace\", \"path\": \"/type\", \"value\": \"regular\"}]");
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);

		JsonNode received = receivedAt(EU, title);
		assertThat(received.has("handoff")).isFalse();
		assertThat(received.get("type").asText()).isEqualTo("regular");
		assertThat(receivedCount(MAIN, title)).as("the otherwise branch's tool never sees it").isZero();
	}

	@Test
	void aBulkReplayShapesEveryMessageItAccepts() {
		List<String> titles = List.of(unique(), unique());
		for (String title : titles) {
			JsonNode message = campaign(title, "4ca5becb8d");
			((ObjectNode) message.get("handoff")).put("campaign_id", "C-7001");
			assertThat(send("email-campaign", bytes(message)).statusCode()).isEqualTo(422);
		}
		briefsApproved("C-7001");

		HttpResponse<String> bulk = postApi(
				"/api/rejects/replay?edge=email-campaign&rule=unknown-campaign&campaign=C-7001", "test-operator-token",
				null);
		assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
		assertThat(json(bulk).get("accepted").asInt()).isEqualTo(2);
		for (String title : titles) {
			assertThat(receivedAt(MAIN, title).has("handoff")).isFalse();
		}
	}

	@Test
	void anApprovedHeldMessageReachesTheToolInTheShapeALiveOneDoes() {
		briefsApproved();
		String title = unique();
		JsonNode offer = example("email-campaign", "12-regulated-offer-held.json");
		((ObjectNode) offer.get("settings")).put("title", title);
		HttpResponse<String> held = send("email-campaign", bytes(offer));
		assertThat(json(held).get("outcome").asText()).as(held.body()).isEqualTo("held");
		assertThat(receivedCount(MAIN, title)).isZero();

		HttpResponse<String> approved = postApi("/api/held/" + json(held).get("id").asText() + "/approve",
				"test-approver-token", "{}");
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		JsonNode received = receivedAt(MAIN, title);
		assertThat(received.has("handoff")).isFalse();
		assertThat(received.at("/content/html").asText()).contains("utm_campaign=");
	}

	@Test
	void aDeliveryTheToolRefusedShowsTheAcceptedMessageAndIsShapedAgainWhenReplayed() {
		briefsApproved();
		String title = unique();
		tools.stubFor(post(urlPathEqualTo(MAIN)).withRequestBody(containing(title))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/problem+json")
				.withBody(
						"{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"Invalid Resource\",\"status\":400}")));
		String id = json(send("email-campaign", bytes(campaign(title, "4ca5becb8d")))).get("id").asText();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> "failed"
				.equals(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id)));
		String reject = jdbc.queryForObject("SELECT id FROM reject WHERE outbox_id = ?", String.class, id);
		assertThat(new String(storedPayload(reject), StandardCharsets.UTF_8))
			.as("the reviewer sees the message as accepted")
			.contains("\"handoff\"");

		tools.stubFor(post(urlPathEqualTo(MAIN)).withRequestBody(containing(title))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\": \"42694e9e57\"}")));
		HttpResponse<String> replayed = postApi("/api/rejects/" + reject + "/replay", "test-operator-token", null);
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> "delivered"
				.equals(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id)));
		List<LoggedRequest> sent = tools
			.findAll(postRequestedFor(urlPathEqualTo(MAIN)).withRequestBody(containing(title)));
		assertThat(sent).hasSize(2);
		assertThat(sent).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(id);
		assertThat(sent).allSatisfy(r -> assertThat(r.getBodyAsString()).doesNotContain("\"handoff\""));
	}

	private static ObjectNode campaign(String title, String list) {
		ObjectNode message = (ObjectNode) example("email-campaign", "01-good-campaign.json");
		((ObjectNode) message.get("settings")).put("title", title);
		((ObjectNode) message.get("recipients")).put("list_id", list);
		return message;
	}

	private static String unique() {
		return "Campaign " + UUID.randomUUID();
	}

	private JsonNode receivedAt(String path, String title) {
		await().atMost(Duration.ofSeconds(15)).until(() -> receivedCount(path, title) >= 1);
		try {
			return JSON
				.readTree(tools.findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(title)))
					.get(0)
					.getBody());
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	private int receivedCount(String path, String title) {
		return tools.findAll(postRequestedFor(urlPathEqualTo(path)).withRequestBody(containing(title))).size();
	}

}
