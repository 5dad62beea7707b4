package dev.handoff.signature;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An edge that requires Standard Webhooks signatures ({@value #SIGNED}: the
 * tracking-event route as {@code inbound=standard-webhooks}, its secrets under their
 * first name, {@code handoff.edges.signatures}), and an edge whose deliveries Handoff
 * signs.
 */
@AutoConfigureObservability // tests turn metric export off unless asked; the refusals are
							// counted for Prometheus
class SignedEdgeTest extends EdgeTestSupport {

	/** The signed edge. */
	static final String SIGNED = "signed-event";

	static final String OLD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String NEW_SECRET = "whsec_c2VjcmV0LWFmdGVyLXRoZS1yb3RhdGlvbg==";

	static final String OUTBOUND_SECRET = "whsec_b3V0Ym91bmQtc2lnbmluZy1zZWNyZXQ=";

	@DynamicPropertySource
	static void signatures(DynamicPropertyRegistry registry) throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		Files.writeString(routes.resolve(SIGNED + ".yaml"),
				Files.readString(routes.resolve("tracking-event.yaml"))
					.replace("id: tracking-event", "id: " + SIGNED)
					.replace("/edges/tracking-event", "/edges/" + SIGNED)
					.replace("maxBytes=32768&inbound=basic", "maxBytes=32768&inbound=standard-webhooks"));
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
		registry.add("handoff.edges.signatures." + SIGNED + ".secrets[0]", () -> NEW_SECRET);
		registry.add("handoff.edges.signatures." + SIGNED + ".secrets[1]", () -> OLD_SECRET);
		registry.add("handoff.edges.signatures." + SIGNED + ".tolerance", () -> "5m");
		registry.add("handoff.delivery.edges.cms-landing-page.signing-secret", () -> OUTBOUND_SECRET);
	}

	@Autowired
	MeterRegistry meters;

	private byte[] event;

	@BeforeEach
	void truth() {
		briefsApproved();
		event = bytes(example("tracking-event", "01-good-click.json"));
	}

	private HttpResponse<String> signed(String id, long timestamp, String secret, byte[] signedBody, byte[] sentBody) {
		Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json", "webhook-id", id,
				"webhook-timestamp", Long.toString(timestamp)));
		headers.put("webhook-signature", WebhookSignature.sign(secret, id, timestamp, signedBody));
		return send(SIGNED, sentBody, headers);
	}

	private int rejects() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM reject", Integer.class);
	}

	private double refusals() {
		var counter = meters.find("handoff.edge.unauthorized").tag("edge", SIGNED).counter();
		return counter == null ? 0 : counter.count();
	}

	@Test
	void acceptsAMessageSignedWithTheCurrentOrTheRotatedSecret() {
		long now = Instant.now().getEpochSecond();
		assertThat(signed("msg_current", now, NEW_SECRET, event, event).statusCode()).isEqualTo(202);
		assertThat(signed("msg_rotated", now, OLD_SECRET, event, event).statusCode()).isEqualTo(202);
	}

	@Test
	void refusesBadSignaturesWith401AndStoresNothing() {
		long now = Instant.now().getEpochSecond();
		int before = rejects();
		double refused = refusals();
		byte[] tampered = bytes(new String(event).replace("Email Link Clicked", "Email Opened"));
		List<HttpResponse<String>> answers = List.of(signed("msg_wrong", now, "whsec_d3Jvbmctc2VjcmV0", event, event),
				signed("msg_expired", now - 600, NEW_SECRET, event, event),
				signed("msg_future", now + 600, NEW_SECRET, event, event),
				signed("msg_tampered", now, NEW_SECRET, event, tampered), sendWithoutCredentials(SIGNED, event));
		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401);
		assertThat(answers).extracting(r -> r.headers().firstValue("Content-Type").orElse(""))
			.containsOnly("application/problem+json");
		assertThat(json(answers.get(1)).get("detail").asText()).contains("away from now");
		assertThat(json(answers.get(4)).get("detail").asText()).contains("webhook-signature");
		assertThat(rejects()).as("a refused signature is not a reject").isEqualTo(before);
		assertThat(refusals()).isEqualTo(refused + 5);
		assertThat(get("/actuator/prometheus", null).body())
			.contains("handoff_edge_unauthorized_total{edge=\"" + SIGNED + "\"");
	}

	@Test
	void answersAReplayedWebhookIdWithTheFirstAnswer() {
		long now = Instant.now().getEpochSecond();
		HttpResponse<String> first = signed("msg_replayed", now, NEW_SECRET, event, event);
		HttpResponse<String> replay = signed("msg_replayed", now, NEW_SECRET, event, event);
		assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(json(replay).get("id")).isEqualTo(json(first).get("id"));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE id = ?", Integer.class,
				json(first).get("id").asText()))
			.isEqualTo(1);
	}

	@Test
	void signsWhatItDeliversOnAnEdgeWithASigningSecret() {
		HttpResponse<String> accepted = send("cms-landing-page",
				bytes(example("cms-landing-page", "01-good-page.json")));
		String id = json(accepted).get("id").asText();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/cms/wp-json/wp/v2/pages"))))
				.hasSize(1));
		LoggedRequest received = tools.findAll(postRequestedFor(urlPathEqualTo("/cms/wp-json/wp/v2/pages"))).get(0);
		assertThat(received.getHeader("webhook-id")).isEqualTo(id);
		assertThat(WebhookSignature.refusal(received.getHeader("webhook-id"), received.getHeader("webhook-timestamp"),
				received.getHeader("webhook-signature"), received.getBody(), List.of(OUTBOUND_SECRET),
				Duration.ofMinutes(5), Instant.now()))
			.isEmpty();
	}

}
