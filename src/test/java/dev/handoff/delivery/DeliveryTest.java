package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Accepted messages reach the next tool: retried on answers that may change,
 * dead-lettered on those that will not.
 */
public class DeliveryTest extends EdgeTestSupport {

	@Test
	void retriesAToolThatIsDownWithTheSameIdempotencyKey() {
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("down")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("down")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(200)));
		briefsApproved();
		String id = json(send("tracking-event", bytes(example("tracking-event", "01-good-click.json")))).get("id")
			.asText();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		List<LoggedRequest> attempts = tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")));
		assertThat(attempts).hasSize(2);
		assertThat(attempts).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(id);
		assertThat(attempts.get(0).getBody()).isEqualTo(attempts.get(1).getBody());
		assertThat(jdbc.queryForObject("SELECT attempts FROM outbox WHERE id = ?", Integer.class, id)).isEqualTo(2);
	}

	@Test
	void sendsAMessageTheToolRefusesToTheRejectedQueueWithoutRetrying() {
		tools.stubFor(post(urlPathEqualTo("/cms/wp-json/wp/v2/pages")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\": \"rest_invalid_param\", \"message\": \"Invalid parameter(s): template\"}")));
		briefsApproved();
		String id = json(send("cms-landing-page", bytes(example("cms-landing-page", "01-good-page.json")))).get("id")
			.asText();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("failed"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/cms/wp-json/wp/v2/pages")))).hasSize(1);
		JsonNode rejects = json(get("/api/rejects?edge=cms-landing-page&rule=delivery"));
		assertThat(rejects.get("total").asLong()).isEqualTo(1);
		JsonNode reject = json(get("/api/rejects/" + rejects.get("items").get(0).get("id").asText()));
		JsonNode violation = reject.get("violations").get(0);
		assertThat(violation.get("rule").asText()).isEqualTo("delivery");
		assertThat(violation.get("actual").asText()).startsWith("400: ").contains("rest_invalid_param");
		assertThat(reject.get("payload").asText()).contains("\"utm_campaign\":\"spring-sale-2027-c-1001\"");
	}

	@Test
	void replaysARefusedMessageOnceTheToolIsFixed() throws Exception {
		tools.stubFor(post(urlPathEqualTo("/cms/wp-json/wp/v2/pages"))
			.willReturn(aResponse().withStatus(422).withBody("{\"code\": \"rest_invalid_param\"}")));
		briefsApproved();
		String id = json(send("cms-landing-page", bytes(example("cms-landing-page", "01-good-page.json")))).get("id")
			.asText();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("failed"));
		String reject = json(get("/api/rejects?edge=cms-landing-page&rule=delivery")).get("items")
			.get(0)
			.get("id")
			.asText();
		JsonNode refused = json(get("/api/rejects/" + reject));
		assertThat(refused.get("deliveryId").asText()).isEqualTo(id);
		assertThat(refused.get("attempts")).hasSize(1);
		assertThat(refused.get("attempts").get(0).get("status").asInt()).isEqualTo(422);

		tools.stubFor(post(urlPathEqualTo("/cms/wp-json/wp/v2/pages")).willReturn(aResponse().withStatus(201)));
		assertThat(replay(reject, "test-viewer-token").statusCode()).isEqualTo(403);
		HttpResponse<String> replayed = replay(reject, "test-admin-token");
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		String delivery = json(replayed).get("id").asText();
		assertThat(delivery).as("a replay goes out under the first Idempotency-Key").isEqualTo(id);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(delivery)).isEqualTo("delivered"));
		List<LoggedRequest> received = tools.findAll(postRequestedFor(urlPathEqualTo("/cms/wp-json/wp/v2/pages")));
		assertThat(received).hasSize(2)
			.last()
			.satisfies(r -> assertThat(r.getHeader("Idempotency-Key")).isEqualTo(delivery));
		assertThat(json(get("/api/rejects/" + reject)).get("status").asText()).isEqualTo("replayed");
		assertThat(replay(reject, "test-admin-token").statusCode()).as("a replayed reject is not replayed twice")
			.isEqualTo(409);
	}

	private HttpResponse<String> replay(String reject, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rejects/" + reject + "/replay"))
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void givesUpAfterTheLastAttemptAndKeepsTheMessage() {
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(500)));
		briefsApproved();
		String id = json(send("tracking-event", bytes(example("tracking-event", "01-good-click.json")),
				Map.of("Content-Type", "application/json")))
			.get("id")
			.asText();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(id)).isEqualTo("failed"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track"))))
			.as("four retry waits make five attempts")
			.hasSize(5);
		assertThat(json(get("/api/rejects?edge=tracking-event&rule=delivery")).get("total").asLong()).isEqualTo(1);
	}

	@Test
	void waitsAtLeastWhatRetryAfterAsks() {
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("busy")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2"))
			.willSetStateTo("free"));
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("busy")
			.whenScenarioStateIs("free")
			.willReturn(aResponse().withStatus(200)));
		briefsApproved();
		String id = json(send("tracking-event", bytes(example("tracking-event", "01-good-click.json")))).get("id")
			.asText();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		List<LoggedRequest> attempts = tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")));
		assertThat(attempts).hasSize(2);
		assertThat(Duration.between(attempts.get(0).getLoggedDate().toInstant(),
				attempts.get(1).getLoggedDate().toInstant()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void spreadsEachWaitAndLetsALongerRetryAfterWin() {
		RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)));
		assertThat(policy.attempts()).isEqualTo(3);
		assertThat(policy.after(1, null))
			.hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6)));
		assertThat(policy.after(2, null))
			.hasValueSatisfying(w -> assertThat(w).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6)));
		assertThat(policy.after(3, null)).isEmpty();
		assertThat(policy.after(1, Duration.ofSeconds(120))).hasValue(Duration.ofSeconds(120));
		assertThat(policy.after(1, Duration.ofDays(400))).hasValue(Duration.ofDays(1));
		assertThat(HttpSender.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(HttpSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
		assertThat(HttpSender.retryAfter("soon")).isNull();
	}

	@Test
	void takesAnEdgesOwnRetryWaits() {
		DeliveryProperties properties = new DeliveryProperties(true, Duration.ofMillis(100), 10, 1,
				List.of(Duration.ofSeconds(5)),
				Map.of("tracking-event",
						new DeliveryProperties.Edge(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), null)),
				Duration.ofSeconds(1), Duration.ofSeconds(1), DeliveryProperties.PrivateTargets.allow,
				Duration.ofSeconds(10), Duration.ofDays(90));
		assertThat(properties.retryPolicy("tracking-event").attempts()).isEqualTo(3);
		assertThat(properties.retryPolicy("email-campaign").attempts()).isEqualTo(2);
	}

	@Test
	void refusesANegativeKeepDeliveredAtStartAndSaysWhatItMayBe() {
		assertThatThrownBy(() -> new DeliveryProperties(true, Duration.ofMillis(100), 10, 1,
				List.of(Duration.ofSeconds(5)), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1),
				DeliveryProperties.PrivateTargets.allow, Duration.ofSeconds(10), Duration.ofDays(-1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("handoff.delivery.keep-delivered is PT-24H; it must be 0 (keep all) or more");
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

}
