package dev.handoff.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Each kind's verifier against requests made as its senders make them: the tools' own
 * published examples where they publish one (Standard Webhooks, GitHub's form of
 * sha256-hex, Slack's form of a template), else the documented recipe computed here with
 * the JDK's {@link Mac}, step by step as the tool's documentation says.
 */
class VerifiersTest {

	@Nested
	class StandardWebhooks {

		/**
		 * The example of the Standard Webhooks specification and its reference libraries'
		 * tests.
		 */
		static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

		static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

		static final long TIMESTAMP = 1614265330;

		static final String BODY = "{\"test\": 2432232314}";

		static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

		@Test
		void acceptsTheSpecificationsExample() {
			Verifier verifier = verifier("standard-webhooks", settings(Map.of("secrets", SECRET)), at(TIMESTAMP + 10));
			assertThat(check(verifier, post(BODY, "webhook-id", ID, "webhook-timestamp", Long.toString(TIMESTAMP),
					"webhook-signature", SIGNATURE)))
				.isEmpty();
		}

		@Test
		void acceptsWhatTheReferenceLibrarySignsAndRefusesItChanged() throws Exception {
			String signature = new Webhook(SECRET).sign("msg_2", TIMESTAMP, "{\"a\": 1}");
			Verifier verifier = verifier("standard-webhooks", settings(Map.of("secrets", SECRET)), at(TIMESTAMP));
			assertThat(check(verifier, post("{\"a\": 1}", "webhook-id", "msg_2", "webhook-timestamp",
					Long.toString(TIMESTAMP), "webhook-signature", signature)))
				.isEmpty();
			assertThat(
					check(verifier,
							post("{\"a\": 2}", "webhook-id", "msg_2", "webhook-timestamp", Long.toString(TIMESTAMP),
									"webhook-signature", signature)))
				.map(Refusal::reason)
				.hasValue(Refusal.Reason.wrong);
		}

		@Test
		void refusesATimestampOutsideTheTolerance() {
			Verifier verifier = verifier("standard-webhooks", settings(Map.of("secrets", SECRET)), at(TIMESTAMP + 301));
			assertThat(
					check(verifier,
							post(BODY, "webhook-id", ID, "webhook-timestamp", Long.toString(TIMESTAMP),
									"webhook-signature", SIGNATURE)))
				.map(Refusal::reason)
				.hasValue(Refusal.Reason.expired);
		}

	}

	@Nested
	class Hmac {

		@Test
		void acceptsGitHubsPublishedExampleWithTheSha256HexPresetInGitHubsHeader() {
			// docs.github.com, "Validating webhook deliveries": secret, payload and the
			// X-Hub-Signature-256 they give
			Verifier verifier = verifier("hmac", settings(Map.of("preset", "sha256-hex", "header",
					"X-Hub-Signature-256", "secrets", "It's a Secret to Everybody")), at(0));
			MockHttpServletRequest request = post("Hello, World!", "X-Hub-Signature-256",
					"sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
			assertThat(check(verifier, request)).isEmpty();
			request.setContent("Hello, World?".getBytes(StandardCharsets.UTF_8));
			assertThat(check(verifier, request)).map(Refusal::reason).hasValue(Refusal.Reason.wrong);
		}

		@Test
		void acceptsSlacksPublishedExampleDescribedKeyByKey() {
			// api.slack.com, "Verifying requests from Slack": signing secret, timestamp,
			// body and X-Slack-Signature they give
			String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
					+ "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
					+ "commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
			InboundSettings slack = settings(Map.of("secrets", "8f742231b10e8888abcd99yyyzzz85a5", "header",
					"X-Slack-Signature", "encoding", "hex", "prefix", "v0=", "signed", "v0:{timestamp}:{body}",
					"timestamp-header", "X-Slack-Request-Timestamp"));
			MockHttpServletRequest request = post(body, "X-Slack-Request-Timestamp", "1531420618", "X-Slack-Signature",
					"v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
			assertThat(check(verifier("hmac", slack, at(1531420618 + 60)), request)).isEmpty();
			assertThat(check(verifier("hmac", slack, at(1531420618 + 301)), request)).map(Refusal::reason)
				.hasValue(Refusal.Reason.expired);
		}

		@Test
		void acceptsTypeformsSignatureOfTheBody() throws Exception {
			// Typeform publishes the recipe, not an example: HMAC-SHA256 of the payload
			// with the secret, base64, prefixed sha256=
			String secret = "b3c4f1e0a9d84c5e9f2a7d6c1b0e3f4a5d6c7b8a";
			String body = "{\"event_id\":\"01HXYZ\",\"event_type\":\"form_response\",\"form_response\":{\"form_id\":\"lT4Z3j\"}}";
			String signature = "sha256=" + Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret, body));
			Verifier verifier = verifier("hmac", settings(Map.of("preset", "typeform", "secrets", secret)), at(0));
			assertThat(check(verifier, post(body, "Typeform-Signature", signature))).isEmpty();
			assertThat(check(verifier, post(body, "Typeform-Signature", signature.replace("sha256=", ""))))
				.map(Refusal::reason)
				.hasValue(Refusal.Reason.malformed);
		}

		@Test
		void acceptsHubSpotsV3SignatureAndRefusesOneOlderThanFiveMinutes() throws Exception {
			// HubSpot publishes the recipe for v3, not an example: method + URI + body +
			// timestamp, HMAC-SHA256 with the app's
			// client secret, base64; the secret is the placeholder of HubSpot's v1/v2
			// examples, the body its v2 example's
			String secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
			String body = "{\"example_field\":\"example_value\"}";
			long millis = 1_700_000_000_000L;
			MockHttpServletRequest request = post(body, "X-HubSpot-Request-Timestamp", Long.toString(millis));
			request.setScheme("https");
			request.setServerName("hooks.example.com");
			request.setServerPort(443);
			request.setRequestURI("/edges/hubspot-contacts");
			String signed = "POST" + "https://hooks.example.com/edges/hubspot-contacts" + body + millis;
			request.addHeader("X-HubSpot-Signature-v3",
					Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret, signed)));
			InboundSettings hubspot = settings(Map.of("preset", "hubspot-v3", "secrets", secret));
			assertThat(check(
					verifier("hmac", hubspot, Clock.fixed(Instant.ofEpochMilli(millis + 299_000), ZoneOffset.UTC)),
					request))
				.isEmpty();
			assertThat(check(
					verifier("hmac", hubspot, Clock.fixed(Instant.ofEpochMilli(millis + 301_000), ZoneOffset.UTC)),
					request))
				.map(Refusal::reason)
				.hasValue(Refusal.Reason.expired);
		}

		@Test
		void acceptsShopifysBareBase64SignatureWithEitherSecretWhileOneIsRotated() throws Exception {
			String body = "{\"id\":820982911946154508,\"email\":\"jon@example.com\"}";
			String signature = Base64.getEncoder().encodeToString(hmac("HmacSHA256", "new-shopify-secret", body));
			Verifier verifier = verifier("hmac",
					settings(Map.of("preset", "shopify", "secrets", "old-shopify-secret,new-shopify-secret")), at(0));
			assertThat(check(verifier, post(body, "X-Shopify-Hmac-Sha256", signature))).isEmpty();
			assertThat(check(verifier, post(body))).map(Refusal::reason).hasValue(Refusal.Reason.missing);
		}

	}

	@Nested
	class Credentials {

		@Test
		void basicWithAUserAloneTakesAnEmptyPasswordOnly() {
			Verifier verifier = verifier("basic", settings(Map.of("username", "write-key-1")), at(0));
			assertThat(check(verifier, post("{}", "Authorization", basic("write-key-1:")))).isEmpty();
			assertThat(check(verifier, post("{}", "Authorization", basic("write-key-1:x")))).map(Refusal::reason)
				.hasValue(Refusal.Reason.wrong);
			assertThat(check(verifier, post("{}", "Authorization", "Basic not base64!"))).map(Refusal::reason)
				.hasValue(Refusal.Reason.malformed);
		}

		@Test
		void bearerAndApiKeyTakeEachOfTheirTokens() {
			Verifier bearer = verifier("bearer", settings(Map.of("tokens", "t-old,t-new")), at(0));
			assertThat(check(bearer, post("{}", "Authorization", "Bearer t-old"))).isEmpty();
			assertThat(check(bearer, post("{}", "Authorization", "bearer t-new"))).as("the scheme is case-insensitive")
				.isEmpty();
			assertThat(check(bearer, post("{}", "Authorization", "Bearer t-other"))).map(Refusal::challenge)
				.hasValue("Bearer realm=\"edge\", error=\"invalid_token\"");
			Verifier key = verifier("api-key", settings(Map.of("header", "X-API-Key", "tokens", "k-1")), at(0));
			assertThat(check(key, post("{}", "x-api-key", "k-1"))).isEmpty();
			assertThat(check(key, post("{}", "Authorization", "Bearer k-1"))).map(Refusal::reason)
				.hasValue(Refusal.Reason.missing);
		}

	}

	@Nested
	class Settings {

		@Test
		void aKindWithoutItsSecretsNamesThePropertyToSet() {
			InboundAuth auth = new InboundAuth(Map.of(), Map.of(), Clock.systemUTC());
			assertThat(auth.problems("brief-approved", InboundKind.bearer)).singleElement()
				.asString()
				.contains("inbound=bearer needs handoff.edges.inbound.brief-approved.tokens")
				.contains("HANDOFF_EDGES_INBOUND_BRIEFAPPROVED_TOKENS");
			assertThat(auth.problems("hook", InboundKind.hmac))
				.anySatisfy(p -> assertThat(p).contains("handoff.edges.inbound.hook.secrets"))
				.anySatisfy(p -> assertThat(p).contains("handoff.edges.inbound.hook.header: name the header"));
			assertThat(auth.problems("hook", InboundKind.open)).isEmpty();
		}

		@Test
		void aKeyOfAnotherKindIsAProblemNotIgnored() {
			InboundAuth auth = new InboundAuth(Map.of("e", settings(Map.of("username", "u", "tokens", "t"))), Map.of(),
					Clock.systemUTC());
			assertThat(auth.problems("e", InboundKind.bearer)).singleElement()
				.asString()
				.contains("inbound=bearer does not use handoff.edges.inbound.e.username");
			assertThat(auth.problems("e", InboundKind.open)).singleElement()
				.asString()
				.contains("inbound=open does not use");
		}

		@Test
		void theOlderSignatureSecretsServeAStandardWebhooksEdgeOnly() {
			InboundSettings older = InboundSettings.standardWebhooks(List.of(StandardWebhooks.SECRET),
					Duration.ofMinutes(5));
			InboundAuth auth = new InboundAuth(Map.of(), Map.of("e", older), Clock.systemUTC());
			assertThat(auth.problems("e", InboundKind.standard_webhooks)).isEmpty();
			assertThat(auth.problems("e", InboundKind.basic)).anySatisfy(
					p -> assertThat(p).contains("handoff.edges.signatures.e is set, but its route says inbound=basic"));
		}

		@Test
		void aSchemeThatCannotBeCheckedIsSaidKeyByKey() {
			InboundAuth auth = new InboundAuth(
					Map.of("e",
							settings(Map.of("secrets", "s", "header", "X-Sig", "encoding", "hex", "algorithm",
									"HmacMD5", "signed", "{body}{nonce}", "timestamp-header", "X-Time"))),
					Map.of(), Clock.systemUTC());
			assertThat(auth.problems("e", InboundKind.hmac))
				.anySatisfy(p -> assertThat(p).contains("algorithm: 'HmacMD5' is not one of"))
				.anySatisfy(p -> assertThat(p).contains("signed: '{nonce}' is not something a request has"));
		}

		@Test
		void noSecretIsShownInTheSettingsNorInTheirProblems() {
			InboundSettings settings = settings(
					Map.of("username", "write-key-secret", "passwords", "pw-secret", "secrets", "s3cr3t"));
			assertThat(settings.toString()).doesNotContain("write-key-secret", "pw-secret", "s3cr3t");
			assertThat(String.join(" ", new InboundAuth(Map.of("e", settings), Map.of(), Clock.systemUTC())
				.problems("e", InboundKind.bearer))).doesNotContain("write-key-secret", "pw-secret", "s3cr3t");
		}

	}

	private static Verifier verifier(String kind, InboundSettings settings, Clock clock) {
		InboundAuth auth = new InboundAuth(Map.of("edge", settings), Map.of(), clock);
		InboundKind parsed = InboundKind.of(kind).orElseThrow();
		assertThat(auth.problems("edge", parsed)).isEmpty();
		return auth.verifier("edge", parsed);
	}

	/** Settings as configuration binds them; a list is written comma-separated. */
	private static InboundSettings settings(Map<String, String> keys) {
		return new InboundSettings(keys.get("username"), list(keys.get("passwords")), list(keys.get("tokens")),
				keys.get("header"), list(keys.get("secrets")),
				keys.containsKey("preset") ? HmacScheme.Preset.valueOf(keys.get("preset").replace('-', '_')) : null,
				keys.get("algorithm"),
				keys.containsKey("encoding") ? HmacScheme.Encoding.valueOf(keys.get("encoding")) : null,
				keys.get("prefix"), keys.get("signed"), keys.get("timestamp-header"), null, null);
	}

	private static List<String> list(String value) {
		return value == null ? null : List.of(value.split(","));
	}

	private static Clock at(long epochSecond) {
		return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
	}

	private static MockHttpServletRequest post(String body, String... headers) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/edges/edge");
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		return request;
	}

	/** What the door asks, in its order: the headers, then the body. */
	private static Optional<Refusal> check(Verifier verifier, MockHttpServletRequest request) {
		Optional<Refusal> refusal = verifier.headers(request);
		return refusal.isPresent() ? refusal : verifier.body(request, request.getContentAsByteArray());
	}

	private static String basic(String pair) {
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] hmac(String algorithm, String secret, String message) throws Exception {
		Mac mac = Mac.getInstance(algorithm);
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
		return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
	}

}
