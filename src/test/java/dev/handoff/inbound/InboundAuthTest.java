package dev.handoff.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.standardwebhooks.Webhook;
import dev.handoff.EdgeTestSupport;
import dev.handoff.Senders;
import dev.handoff.TestFiles;
import dev.handoff.ToolStandIns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Who may send to an edge, over HTTP: one extra edge per kind (copies of the
 * tracking-event route, each with its own {@code inbound=}), each sent to as its tool
 * sends and as a stranger would. What a stranger sends is answered 401 and leaves nothing
 * behind: no reject, no outbox row, no held message, no idempotency key.
 */
@AutoConfigureObservability // the refusals are counted for Prometheus
@ExtendWith(OutputCaptureExtension.class)
// each refusal is logged at debug: the log is one of the places no secret may show
@TestPropertySource(properties = "logging.level.dev.handoff.edge.EdgeEntryFilter=DEBUG")
class InboundAuthTest extends EdgeTestSupport {

	/** The example secret of the Standard Webhooks specification. */
	static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String TYPEFORM_SECRET = "tf-4f1e0a9d84c5e9f2a7d6c1b0e3f4a5d6c7b8a9";

	/** The placeholder client secret of HubSpot's request validation examples. */
	static final String HUBSPOT_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

	static final List<String> PASSWORDS = List.of("first-password-8c1d", "second-password-77ae");

	static final List<String> TOKENS = List.of("bearer-token-one-0b9f", "bearer-token-two-51c3");

	static final String API_KEY = "api-key-e2d4c6";

	/** What a stranger tries: never to be shown back, nor logged. */
	static final String GUESS = "guessed-credential-9f3a";

	@DynamicPropertySource
	static void anEdgeOfEachKind(DynamicPropertyRegistry registry) throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		Map<String, String> kinds = Map.of("hook-webhooks", "standard-webhooks", "hook-typeform", "hmac",
				"hook-hubspot", "hmac", "hook-basic", "basic", "hook-bearer", "bearer", "hook-apikey", "api-key",
				"hook-open", "open");
		for (Map.Entry<String, String> edge : kinds.entrySet()) {
			Files.writeString(routes.resolve(edge.getKey() + ".yaml"),
					Files.readString(routes.resolve("tracking-event.yaml"))
						.replace("id: tracking-event", "id: " + edge.getKey())
						.replace("/edges/tracking-event", "/edges/" + edge.getKey())
						.replace("&inbound=basic", "&inbound=" + edge.getValue()));
			// each copy delivers to Segment as the shipped edge does, with its write key
			registry.add("handoff.delivery.edges." + edge.getKey() + ".auth.kind", () -> "basic");
			registry.add("handoff.delivery.edges." + edge.getKey() + ".auth.username",
					() -> ToolStandIns.SEGMENT_WRITE_KEY);
		}
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
		registry.add("handoff.edges.inbound.hook-webhooks.secrets[0]", () -> WEBHOOK_SECRET);
		registry.add("handoff.edges.inbound.hook-typeform.preset", () -> "typeform");
		registry.add("handoff.edges.inbound.hook-typeform.secrets[0]", () -> TYPEFORM_SECRET);
		registry.add("handoff.edges.inbound.hook-hubspot.preset", () -> "hubspot-v3");
		registry.add("handoff.edges.inbound.hook-hubspot.secrets[0]", () -> HUBSPOT_SECRET);
		registry.add("handoff.edges.inbound.hook-basic.username", () -> "hook-user");
		registry.add("handoff.edges.inbound.hook-basic.passwords[0]", () -> PASSWORDS.get(0));
		registry.add("handoff.edges.inbound.hook-basic.passwords[1]", () -> PASSWORDS.get(1));
		registry.add("handoff.edges.inbound.hook-bearer.tokens[0]", () -> TOKENS.get(0));
		registry.add("handoff.edges.inbound.hook-bearer.tokens[1]", () -> TOKENS.get(1));
		registry.add("handoff.edges.inbound.hook-apikey.header", () -> "X-API-Key");
		registry.add("handoff.edges.inbound.hook-apikey.tokens[0]", () -> API_KEY);
	}

	private byte[] event;

	@BeforeEach
	void truth() {
		briefsApproved();
		event = bytes(example("tracking-event", "01-good-click.json"));
	}

	@Test
	void aStandardWebhooksEdgeAcceptsAMessageTheReferenceLibrarySigned() throws Exception {
		long now = Instant.now().getEpochSecond();
		HttpResponse<String> answer = signed("msg_reference", now, WEBHOOK_SECRET, event, event);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
	}

	@Test
	void aStandardWebhooksEdgeRefusesTamperedExpiredWronglySignedAndUnsignedMessagesAndStoresNone() throws Exception {
		long now = Instant.now().getEpochSecond();
		Map<String, Integer> before = stored();
		byte[] tampered = bytes(
				new String(event, StandardCharsets.UTF_8).replace("Email Link Clicked", "Email Opened"));
		Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
		answers.put("wrong", signed("msg_tampered", now, WEBHOOK_SECRET, event, tampered));
		answers.put("expired", signed("msg_expired", now - 600, WEBHOOK_SECRET, event, event));
		answers.put("wrong secret",
				signed("msg_other", now, "whsec_" + Base64.getEncoder().encodeToString(bytes(GUESS)), event, event));
		answers.put("missing", sendWithoutCredentials("hook-webhooks", event));
		answers.forEach((why, answer) -> assertRefused(answer, "bad-signature"));
		assertThat(json(answers.get("expired")).get("detail").asText())
			.contains("webhook-timestamp is 600 s away from now");
		assertThat(json(answers.get("wrong")).get("detail").asText()).contains("no webhook-signature matches");
		assertThat(stored()).isEqualTo(before);
	}

	private HttpResponse<String> signed(String id, long timestamp, String secret, byte[] signedBody, byte[] sentBody)
			throws Exception {
		String signature = new Webhook(secret).sign(id, timestamp, new String(signedBody, StandardCharsets.UTF_8));
		return send("hook-webhooks", sentBody, Map.of("Content-Type", "application/json", "webhook-id", id,
				"webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature));
	}

	@Test
	void aTypeformEdgeAcceptsTheSignatureTypeformMakesAndRefusesAnyOther() throws Exception {
		assertThat(typeform(event, TYPEFORM_SECRET, event).statusCode()).isEqualTo(202);
		Map<String, Integer> before = stored();
		byte[] tampered = bytes(
				new String(event, StandardCharsets.UTF_8).replace("Email Link Clicked", "Email Opened"));
		assertRefused(typeform(event, TYPEFORM_SECRET, tampered), "bad-signature");
		assertRefused(typeform(event, GUESS, event), "bad-signature");
		assertRefused(sendWithoutCredentials("hook-typeform", event), "bad-signature");
		assertThat(stored()).isEqualTo(before);
	}

	/**
	 * As Typeform's documentation signs: HMAC-SHA256 of the payload with the secret,
	 * base64, after "sha256=".
	 */
	private HttpResponse<String> typeform(byte[] signedBody, String secret, byte[] sentBody) throws Exception {
		String signature = "sha256=" + Base64.getEncoder().encodeToString(hmac(secret, signedBody));
		return send("hook-typeform", sentBody,
				Map.of("Content-Type", "application/json", "Typeform-Signature", signature));
	}

	@Test
	void aHubSpotEdgeAcceptsAV3SignatureOfMethodUrlBodyAndTimestamp() throws Exception {
		HttpResponse<String> answer = hubspot(Instant.now().toEpochMilli(), HUBSPOT_SECRET, event, event);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
	}

	@Test
	void aHubSpotEdgeRefusesOneOlderThanFiveMinutesTamperedOrWithAnotherSecretAndStoresNone() throws Exception {
		long now = Instant.now().toEpochMilli();
		Map<String, Integer> before = stored();
		HttpResponse<String> expired = hubspot(now - 301_000, HUBSPOT_SECRET, event, event);
		assertRefused(expired, "bad-signature");
		assertThat(json(expired).get("detail").asText()).contains("X-HubSpot-Request-Timestamp is 301 s away from now");
		byte[] tampered = bytes(
				new String(event, StandardCharsets.UTF_8).replace("Email Link Clicked", "Email Opened"));
		assertRefused(hubspot(now, HUBSPOT_SECRET, event, tampered), "bad-signature");
		assertRefused(hubspot(now, GUESS, event, event), "bad-signature");
		assertRefused(
				send("hook-hubspot", event, Map.of("Content-Type", "application/json", "X-HubSpot-Signature-v3", "x")),
				"bad-signature");
		assertThat(stored()).isEqualTo(before);
	}

	/**
	 * As HubSpot's documentation signs v3: the UTF-8 string method + full request URI +
	 * body + timestamp, HMAC-SHA256 with the app's client secret, base64.
	 */
	private HttpResponse<String> hubspot(long millis, String secret, byte[] signedBody, byte[] sentBody)
			throws Exception {
		String uri = "http://localhost:" + port + "/edges/hook-hubspot";
		byte[] source = bytes("POST" + uri + new String(signedBody, StandardCharsets.UTF_8) + millis);
		return send("hook-hubspot", sentBody,
				Map.of("Content-Type", "application/json", "X-HubSpot-Request-Timestamp", Long.toString(millis),
						"X-HubSpot-Signature-v3", Base64.getEncoder().encodeToString(hmac(secret, source))));
	}

	@Test
	void basicTakesTheUserWithEitherPasswordWhileOneIsRotated() {
		for (String password : PASSWORDS) {
			assertThat(basic("hook-basic", "hook-user", password).statusCode()).isEqualTo(202);
		}
		Map<String, Integer> before = stored();
		HttpResponse<String> wrong = basic("hook-basic", "hook-user", GUESS);
		assertRefused(wrong, "unauthenticated");
		assertThat(wrong.headers().firstValue("WWW-Authenticate"))
			.hasValue("Basic realm=\"hook-basic\", charset=\"UTF-8\"");
		assertRefused(basic("hook-basic", "another-user", PASSWORDS.get(0)), "unauthenticated");
		assertRefused(sendWithoutCredentials("hook-basic", event), "unauthenticated");
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void basicWithAUserAloneTakesSegmentsWriteKeyWithAnEmptyPassword() {
		assertThat(basic("tracking-event", Senders.WRITE_KEY, "").statusCode()).isEqualTo(202);
		assertRefused(basic("tracking-event", GUESS, ""), "unauthenticated");
		assertRefused(basic("tracking-event", Senders.WRITE_KEY, GUESS), "unauthenticated");
	}

	@Test
	void bearerTakesEitherToken() {
		for (String token : TOKENS) {
			assertThat(withHeader("hook-bearer", "Authorization", "Bearer " + token).statusCode()).isEqualTo(202);
		}
		Map<String, Integer> before = stored();
		HttpResponse<String> wrong = withHeader("hook-bearer", "Authorization", "Bearer " + GUESS);
		assertRefused(wrong, "unauthenticated");
		assertThat(wrong.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"hook-bearer\", error=\"invalid_token\"");
		HttpResponse<String> missing = sendWithoutCredentials("hook-bearer", event);
		assertRefused(missing, "unauthenticated");
		assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hook-bearer\"");
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void apiKeyTakesTheKeyInItsHeaderOnly() {
		assertThat(withHeader("hook-apikey", "X-API-Key", API_KEY).statusCode()).isEqualTo(202);
		Map<String, Integer> before = stored();
		HttpResponse<String> wrong = withHeader("hook-apikey", "X-API-Key", GUESS);
		assertRefused(wrong, "unauthenticated");
		assertThat(wrong.headers().firstValue("WWW-Authenticate")).as("an API key has no HTTP scheme to name")
			.isEmpty();
		assertRefused(
				sendWithoutCredentials("hook-apikey", event,
						Map.of("Content-Type", "application/json", "Authorization", "Bearer " + API_KEY)),
				"unauthenticated");
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void anOpenEdgeTakesAnyone() {
		assertThat(sendWithoutCredentials("hook-open", event).statusCode()).isEqualTo(202);
	}

	@Test
	void aRetryWithoutTheCredentialIsRefusedNotAnsweredFromStorage() {
		HttpResponse<String> first = send("hook-bearer", event,
				Map.of("Content-Type", "application/json", "Idempotency-Key", "evt-retry-1"));
		assertThat(first.statusCode()).isEqualTo(202);
		HttpResponse<String> stranger = sendWithoutCredentials("hook-bearer", event,
				Map.of("Content-Type", "application/json", "Idempotency-Key", "evt-retry-1"));
		assertRefused(stranger, "unauthenticated");
		assertThat(stranger.body()).doesNotContain(json(first).get("id").asText());
	}

	private HttpResponse<String> basic(String edge, String user, String password) {
		return withHeader(edge, "Authorization", Senders.basic(user, password));
	}

	private HttpResponse<String> withHeader(String edge, String header, String value) {
		return send(edge, event, Map.of("Content-Type", "application/json", header, value));
	}

	@Test
	void aBodyOverTheLimitWithAForgedSignatureIsAnswered413AndNotStored() throws Exception {
		Map<String, Integer> before = stored();
		long now = Instant.now().getEpochSecond();
		byte[] huge = huge();
		HttpResponse<String> webhook = send("hook-webhooks", huge,
				Map.of("Content-Type", "application/json", "webhook-id", "msg_huge", "webhook-timestamp",
						Long.toString(now), "webhook-signature",
						"v1," + Base64.getEncoder().encodeToString(bytes(GUESS))));
		HttpResponse<String> typeform = send("hook-typeform", huge, Map.of("Content-Type", "application/json",
				"Typeform-Signature", "sha256=" + Base64.getEncoder().encodeToString(bytes(GUESS))));
		for (HttpResponse<String> answer : List.of(webhook, typeform)) {
			assertThat(answer.statusCode()).isEqualTo(413);
			assertThat(json(answer).has("id")).as("nothing was stored, so there is no reject to name").isFalse();
			assertThat(json(answer).get("detail").asText()).contains("nothing of it was stored");
		}
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void aStrangersBodyOverTheLimitIsRefusedBeforeItIsRead() {
		Map<String, Integer> before = stored();
		assertRefused(sendWithoutCredentials("hook-bearer", huge()), "unauthenticated");
		assertThat(stored()).isEqualTo(before);
	}

	private static byte[] huge() {
		byte[] body = new byte[1_048_576 + 10];
		Arrays.fill(body, (byte) ' ');
		body[0] = '{';
		return body;
	}

	@Test
	void theEdgesListSaysWhoMaySendToEachButNoSecret() {
		String body = get("/api/edges").body();
		assertThat(json(get("/api/edges")).get("edges")).filteredOn(e -> e.get("name").asText().startsWith("hook-"))
			.extracting(e -> e.get("name").asText() + " " + e.get("inbound").asText())
			.containsExactlyInAnyOrder("hook-apikey api-key", "hook-basic basic", "hook-bearer bearer",
					"hook-hubspot hmac", "hook-open open", "hook-typeform hmac", "hook-webhooks standard-webhooks");
		assertThat(json(get("/api/edges")).get("edges"))
			.filteredOn(e -> e.get("name").asText().equals("tracking-kafka"))
			.singleElement()
			.satisfies(e -> assertThat(e.get("inbound").isNull()).as("a queue is not reached over HTTP").isTrue());
		assertThat(body).doesNotContain(WEBHOOK_SECRET, TYPEFORM_SECRET, HUBSPOT_SECRET, PASSWORDS.get(0),
				TOKENS.get(0), API_KEY, Senders.WRITE_KEY);
	}

	@Test
	void countsEachRefusalByEdgeAndReason() {
		sendWithoutCredentials("hook-apikey", event);
		send("hook-apikey", event, Map.of("Content-Type", "application/json", "X-API-Key", GUESS));
		String scrape = get("/actuator/prometheus", null).body();
		assertThat(scrape).contains("handoff_inbound_refused_total{edge=\"hook-apikey\",reason=\"missing\"}")
			.contains("handoff_inbound_refused_total{edge=\"hook-apikey\",reason=\"wrong\"}")
			.doesNotContain(GUESS, API_KEY);
	}

	@Test
	void neitherTheAnswerNorTheLogShowsASecretOrTheCredentialSent(CapturedOutput output) throws Exception {
		List<HttpResponse<String>> answers = List.of(
				send("hook-basic", event,
						Map.of("Content-Type", "application/json", "Authorization", Senders.basic("hook-user", GUESS))),
				send("hook-bearer", event,
						Map.of("Content-Type", "application/json", "Authorization", "Bearer " + GUESS)),
				send("hook-apikey", event, Map.of("Content-Type", "application/json", "X-API-Key", GUESS)),
				send("hook-typeform", event,
						Map.of("Content-Type", "application/json", "Typeform-Signature", "sha256=" + GUESS)),
				send("hook-webhooks", event,
						Map.of("Content-Type", "application/json", "webhook-id", "msg_guess", "webhook-timestamp",
								Long.toString(Instant.now().getEpochSecond()), "webhook-signature", "v1," + GUESS)));
		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(401);
		assertThat(output.getAll()).as("each refusal is logged").contains("Edge hook-bearer refused a request: wrong");
		List<String> never = List.of(GUESS, Senders.basic("hook-user", GUESS).substring("Basic ".length()),
				WEBHOOK_SECRET, WEBHOOK_SECRET.substring("whsec_".length()), TYPEFORM_SECRET, PASSWORDS.get(0),
				PASSWORDS.get(1), TOKENS.get(0), TOKENS.get(1), API_KEY);
		for (HttpResponse<String> answer : answers) {
			assertThat(answer.body() + answer.headers().map()).doesNotContain(never);
		}
		assertThat(output.getAll()).doesNotContain(never);
	}

	/** A 401 problem of the given type, said without echoing anything secret. */
	private static void assertRefused(HttpResponse<String> answer, String type) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(answer).get("type").asText()).isEqualTo("https://handoff.dev/problems/" + type);
		assertThat(answer.body()).doesNotContain(GUESS);
	}

	/** How many rows each store holds: a refused message must change none of them. */
	private Map<String, Integer> stored() {
		Map<String, Integer> rows = new LinkedHashMap<>();
		for (String table : List.of("reject", "outbox", "held", "inbound_key")) {
			rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class));
		}
		return rows;
	}

	private static byte[] hmac(String secret, byte[] message) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return mac.doFinal(message);
	}

}
