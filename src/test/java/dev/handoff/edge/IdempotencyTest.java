package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sender's retry with the same Idempotency-Key (or webhook-id) gets the first answer;
 * nothing is stored or delivered twice.
 */
public class IdempotencyTest extends EdgeTestSupport {

	private byte[] good;

	@BeforeEach
	void truth() {
		briefsApproved();
		good = bytes(example("email-campaign", "01-good-campaign.json"));
	}

	private HttpResponse<String> sendWith(String edge, byte[] body, String header, String key) {
		return send(edge, body, Map.of("Content-Type", "application/json", header, key));
	}

	private int count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Integer.class, args);
	}

	@Test
	void answersARetryWithTheFirstOutcomeAndDeliversOnce() throws InterruptedException {
		HttpResponse<String> first = sendWith("email-campaign", good, "Idempotency-Key", "order-1");
		HttpResponse<String> again = sendWith("email-campaign", good, "Idempotency-Key", "order-1");
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		String id = json(first).get("id").asText();
		assertThat(count("SELECT COUNT(*) FROM outbox WHERE id = ?", id)).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))))
				.hasSize(1));
		Thread.sleep(500);
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns")))).hasSize(1);
	}

	@Test
	void storesARejectedRetryOnce() {
		int before = count("SELECT COUNT(*) FROM reject");
		HttpResponse<String> first = sendWith("email-campaign", bytes("{}"), "Idempotency-Key", "bad-1");
		HttpResponse<String> again = sendWith("email-campaign", bytes("{}"), "Idempotency-Key", "bad-1");
		assertThat(first.statusCode()).isEqualTo(422);
		assertThat(again.statusCode()).isEqualTo(422);
		assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
		assertThat(count("SELECT COUNT(*) FROM reject")).isEqualTo(before + 1);
	}

	@Test
	void storesOnceWhenRetriesRace() {
		List<CompletableFuture<HttpResponse<String>>> sends = IntStream.range(0, 8)
			.mapToObj(i -> CompletableFuture
				.supplyAsync(() -> sendWith("email-campaign", good, "Idempotency-Key", "race-1")))
			.toList();
		List<HttpResponse<String>> answers = sends.stream().map(CompletableFuture::join).toList();
		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
		assertThat(answers).extracting(r -> json(r).get("id").asText())
			.containsOnly(json(answers.get(0)).get("id").asText());
		assertThat(count("SELECT COUNT(*) FROM inbound_key WHERE idem_key = 'race-1'")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM outbox WHERE id = ?", json(answers.get(0)).get("id").asText()))
			.isEqualTo(1);
	}

	@Test
	void takesAWebhookIdAsTheKey() {
		HttpResponse<String> first = sendWith("email-campaign", good, "webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
		HttpResponse<String> again = sendWith("email-campaign", good, "webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		assertThat(json(first).get("id").asText()).as("an id, not null").isNotBlank();
		assertThat(json(again).get("id")).isEqualTo(json(first).get("id"));
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
	}

	@Test
	void aKeyUsedAgainAfterTheWindowIsANewMessage() {
		HttpResponse<String> first = sendWith("email-campaign", good, "Idempotency-Key", "window-1");
		assertThat(first.statusCode()).isEqualTo(202);
		// as if the default window (24 h) had passed since
		jdbc.update("UPDATE inbound_key SET created_at = ? WHERE edge = 'email-campaign' AND idem_key = 'window-1'",
				java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofHours(25))));

		HttpResponse<String> later = sendWith("email-campaign", good, "Idempotency-Key", "window-1");

		assertThat(later.statusCode()).isEqualTo(202);
		assertThat(later.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(json(later).get("id").asText()).isNotEqualTo(json(first).get("id").asText());
	}

	@Test
	void keepsKeysApartPerEdge() {
		HttpResponse<String> email = sendWith("email-campaign", good, "Idempotency-Key", "shared-1");
		HttpResponse<String> page = sendWith("cms-landing-page",
				bytes(example("cms-landing-page", "01-good-page.json")), "Idempotency-Key", "shared-1");
		assertThat(page.statusCode()).isEqualTo(202);
		assertThat(json(page).get("id")).isNotEqualTo(json(email).get("id"));
	}

	@Test
	void refusesAKeyThatIsTooLongOrNotPrintable() {
		assertThat(sendWith("email-campaign", good, "Idempotency-Key", "k".repeat(201)).statusCode()).isEqualTo(400);
		assertThat(sendWith("email-campaign", good, "Idempotency-Key", "two words").statusCode()).isEqualTo(400);
	}

}
