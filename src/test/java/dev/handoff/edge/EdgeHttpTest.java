package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.ToolStandIns;
import dev.handoff.Senders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The HTTP contract of {@code POST /edges/{edge}} and the read API around it. */
public class EdgeHttpTest extends EdgeTestSupport {

	private int rejectCount() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM reject", Integer.class);
	}

	@Test
	void answersAnUnknownEdgeWith404ProblemAndStoresNothing() {
		int before = rejectCount();
		HttpResponse<String> response = send("no-such-edge", bytes("{}"));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(response).get("detail").asText()).contains("no-such-edge");
		assertThat(rejectCount()).isEqualTo(before);
	}

	@Test
	void answersANonJsonContentTypeWith415ProblemAndStoresNothing() {
		int before = rejectCount();
		HttpResponse<String> response = send("email-campaign", bytes("type=regular"),
				Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(json(response).get("status").asInt()).isEqualTo(415);
		assertThat(json(response).get("detail").asText()).contains("application/x-www-form-urlencoded");
		assertThat(rejectCount()).isEqualTo(before);
	}

	@Test
	void acceptsJsonWithACharsetParameter() {
		HttpResponse<String> response = send("email-campaign", bytes("{}"),
				Map.of("Content-Type", "application/json; charset=utf-8"));
		assertThat(response.statusCode()).isEqualTo(422);
	}

	@Test
	void storesTheFirstMebibyteOfAChunkedBodyThatIsTooLarge() throws Exception {
		byte[] body = new byte[1_048_576 + 10_000];
		Arrays.fill(body, (byte) ' ');
		body[0] = '{';
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/tracking-event"))
			.header("Content-Type", "application/json")
			.header("Authorization", Senders.authorization("tracking-event"))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		String id = json(response).get("id").asText();
		assertThat(storedPayload(id)).isEqualTo(Arrays.copyOf(body, 1_048_576));
		JsonNode stored = json(get("/api/rejects/" + id));
		assertThat(stored.get("declaredLength").isNull()).isTrue();
		assertThat(stored.get("violations").get(0).get("rule").asText()).isEqualTo("too-large");
	}

	@Test
	void anOversizedBodySentAgainWithItsIdempotencyKeyIsStoredOnceAndAnsweredTheSame() {
		byte[] body = new byte[1_048_576 + 10];
		Arrays.fill(body, (byte) ' ');
		body[0] = '{';
		int before = jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE edge = 'tracking-event'", Integer.class);
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "too-large-twice");

		HttpResponse<String> first = send("tracking-event", body, headers);
		HttpResponse<String> again = send("tracking-event", body, headers);

		assertThat(first.statusCode()).isEqualTo(413);
		assertThat(again.statusCode()).isEqualTo(413);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(again.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE edge = 'tracking-event'", Integer.class))
			.isEqualTo(before + 1);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void withKafkaOffNothingDialsABroker(CapturedOutput output) throws InterruptedException {
		// a Kafka client that was started retries its broker about every second, and says
		// so each time
		Thread.sleep(3000);

		assertThat(output.getAll()).doesNotContain(":9092");
	}

	@Test
	void storesBytesThatAreNotUtf8ExactlyAsReceived() {
		byte[] body = { '{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, 0, '"', '}' };
		HttpResponse<String> response = send("email-campaign", body);
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).get("violations").get(0).get("rule").asText()).isEqualTo("parse");
		assertThat(storedPayload(json(response).get("id").asText())).isEqualTo(body);
	}

	@Test
	void refusesOtherMethodsOnAnEdge() {
		assertThat(get("/edges/email-campaign").statusCode()).isEqualTo(405);
	}

	@Test
	void neverForwardsOrEchoesTheSendersHeaders() {
		briefsApproved();
		HttpResponse<String> response = send("email-campaign",
				bytes(example("email-campaign", "01-good-campaign.json")),
				Map.of("Content-Type", "application/json", "Authorization", "Bearer " + CAMPAIGN_BUILDER_TOKEN,
						"Cookie", "session=abc", "X-Api-Key", "key-123", "X-Forwarded-For", "198.51.100.4"));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().map().keySet()).map(String::toLowerCase)
			.doesNotContain("authorization", "cookie", "x-api-key", "x-forwarded-for");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))))
				.hasSize(1));
		LoggedRequest received = tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))).get(0);
		assertThat(received.getHeaders().keys()).map(String::toLowerCase)
			.doesNotContain("cookie", "x-api-key", "x-forwarded-for");
		// the tool gets Handoff's own credential for it, never the sender's
		assertThat(received.getHeader("Authorization")).isEqualTo(ToolStandIns.MAILCHIMP)
			.doesNotContain(CAMPAIGN_BUILDER_TOKEN);
		assertThat(received.getHeader("Idempotency-Key")).isEqualTo(json(response).get("id").asText());
		assertThat(received.getHeader("Content-Type")).isEqualTo("application/json");
	}

	@Test
	void sendsTheToolOnlyTheHeadersOnItsList() {
		briefsApproved();
		HttpResponse<String> response = send("tracking-event", bytes(example("tracking-event", "01-good-click.json")),
				Map.of("Content-Type", "application/json", "Cookie", "session=abc", "X-Api-Key", "key-123",
						"X-Forwarded-For", "198.51.100.4", "Accept-Language", "de", "X-Custom", "1"));
		assertThat(response.statusCode()).isEqualTo(202);
		String id = json(response).get("id").asText();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")))
				.stream()
				.anyMatch(r -> id.equals(r.getHeader("Idempotency-Key"))));
		LoggedRequest received = tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")))
			.stream()
			.filter(r -> id.equals(r.getHeader("Idempotency-Key")))
			.findFirst()
			.orElseThrow();

		// what HTTP itself needs (Host, Content-Length, the client's keep-alive) and
		// Handoff's own (its credential for the tool among them), nothing else
		assertThat(received.getHeaders().keys()).map(String::toLowerCase)
			.containsExactlyInAnyOrder("host", "content-length", "connection", "content-type", "idempotency-key",
					"user-agent", "authorization");
		assertThat(received.getHeader("Authorization")).as("Handoff's own write key for Segment")
			.isEqualTo(ToolStandIns.SEGMENT);
		assertThat(received.getHeader("Connection")).isEqualTo("keep-alive");
		assertThat(received.getHeader("User-Agent")).isEqualTo("Handoff");
	}

	@Test
	void aRejectedMessageNeverReachesTheTool() throws Exception {
		briefsApproved();
		ObjectNode typed = (ObjectNode) example("email-campaign", "01-good-campaign.json");
		((ObjectNode) typed.get("tracking")).put("google_analytics", "Spring_Sale");
		int queued = jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class);
		HttpResponse<String> response = send("email-campaign", bytes(typed));
		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode violation = json(response).get("violations").get(0);
		assertThat(violation.get("pointer").asText()).isEqualTo("/tracking/google_analytics");
		assertThat(violation.get("rule").asText()).isEqualTo("generated-mismatch");
		assertThat(violation.get("expected").asText()).isEqualTo("spring-sale-2027-c-1001");
		assertThat(violation.get("actual").asText()).isEqualTo("Spring_Sale");
		// give the dispatcher several polls in which it could have sent something
		Thread.sleep(1000);
		assertThat(tools.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class)).isEqualTo(queued);
	}

	@Test
	void filtersRejectsByEdgeRuleAndCampaignAndPagesNewestFirst() {
		briefsApproved();
		JsonNode good = example("email-campaign", "01-good-campaign.json");
		ObjectNode stale = good.deepCopy();
		((ObjectNode) stale.get("handoff")).put("brief_version", 1);
		ObjectNode unknown = good.deepCopy();
		((ObjectNode) unknown.get("handoff")).put("campaign_id", "C-7777");
		String first = json(send("email-campaign", bytes(stale))).get("id").asText();
		String second = json(send("email-campaign", bytes(stale))).get("id").asText();
		json(send("email-campaign", bytes(unknown)));
		json(send("cms-landing-page", bytes("[]")));

		JsonNode staleOnes = json(get("/api/rejects?edge=email-campaign&rule=stale-version&size=1"));
		assertThat(staleOnes.get("total").asLong()).isEqualTo(2);
		assertThat(staleOnes.get("items")).hasSize(1);
		assertThat(staleOnes.get("items").get(0).get("id").asText()).isEqualTo(second);
		JsonNode secondPage = json(get("/api/rejects?edge=email-campaign&rule=stale-version&size=1&page=1"));
		assertThat(secondPage.get("items").get(0).get("id").asText()).isEqualTo(first);
		assertThat(json(get("/api/rejects?campaign=C-7777")).get("total").asLong()).isEqualTo(1);
		assertThat(json(get("/api/rejects?edge=cms-landing-page&status=open")).get("total").asLong()).isEqualTo(1);
		assertThat(json(get("/api/rejects?status=discarded")).get("total").asLong()).isZero();
	}

	@Test
	void answersAnUnknownRejectWith404Problem() {
		HttpResponse<String> response = get("/api/rejects/00000000-0000-0000-0000-000000000000");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void refusesAPageSizeOverTheLimitWithAProblem() {
		HttpResponse<String> response = get("/api/rejects?size=100000");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).get("detail").asText()).contains("size");
	}

	@Test
	void showsTheTruthWithItsHistoryNewestFirst() {
		briefsApproved();
		JsonNode truth = json(get("/api/truth/C-1001"));
		assertThat(truth.get("version").asLong()).isEqualTo(2);
		assertThat(truth.get("fields").get("landing_url").asText())
			.isEqualTo("https://shop.example.com/spring-sale-2027");
		assertThat(truth.get("history")).extracting(v -> v.get("version").asLong()).containsExactly(2L, 1L);
		assertThat(truth.get("history").get(1).get("fields").get("landing_url").asText())
			.isEqualTo("https://shop.example.com/spring-sale");
		assertThat(get("/api/truth/C-0404").statusCode()).isEqualTo(404);
	}

	@Test
	void listsEdgesAndContractsWithTheirHashes() {
		JsonNode edges = json(get("/api/edges")).get("edges");
		assertThat(edges).extracting(e -> e.get("name").asText())
			.containsExactly("brief-approved", "cms-landing-page", "email-campaign", "tracking-batch", "tracking-event",
					"tracking-kafka");
		assertThat(edges.get(2).get("deliverTo").asText()).isEqualTo("direct:mailchimp-campaign");
		assertThat(edges.get(3).get("contract").asText()).isEqualTo("tracking-event");
		assertThat(edges.get(3).get("deliverTo").asText()).isEqualTo(tools.baseUrl() + "/tracking/v1/batch");
		JsonNode contracts = json(get("/api/contracts")).get("contracts");
		assertThat(contracts).hasSize(4);
		assertThat(contracts.get(0).get("sha256").asText()).matches("[0-9a-f]{64}");
	}

	@Test
	void reportsHealthUp() {
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("status").asText()).isEqualTo("UP");
	}

}
