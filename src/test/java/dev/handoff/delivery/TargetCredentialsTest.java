package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.ToolStandIns;
import dev.handoff.notify.Notices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each tool gets the credentials it expects, shaped like the real APIs: Mailchimp's API
 * key as the Basic password of any user, a WordPress application password, Segment's
 * write key as the Basic user, a bearer token. A tool that refuses them answers 401 like
 * the real one, and that becomes a {@code delivery} reject at once, naming the tool by
 * host and showing no secret even when the tool echoes the request.
 */
class TargetCredentialsTest extends EdgeTestSupport {

	static final String MAILCHIMP_KEY = "0123456789abcdef0123456789abcdef-us21";

	static final String WP_USER = "handoff-editor";

	static final String WP_APPLICATION_PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX";

	static final String SEGMENT_WRITE_KEY = "wk8f3c2aSegmentWriteKey";

	static final String BEARER = "bearer-7f1e0c9b2a";

	static final String SLACK_PATH = "/services/T0000/B0000/XXXXslackXXXXsecretXXXX";

	static final String MAILCHIMP = "/email/3.0/campaigns";

	static final String WORDPRESS = "/cms/wp-json/wp/v2/pages";

	static final String SEGMENT_TRACK = "/tracking/v1/track";

	static final String SEGMENT_BATCH = "/tracking/v1/batch";

	@Autowired
	Notices notices;

	@DynamicPropertySource
	static void credentials(DynamicPropertyRegistry registry) {
		registry.add("handoff.delivery.edges.email-campaign.auth.kind", () -> "basic");
		registry.add("handoff.delivery.edges.email-campaign.auth.username", () -> "anystring");
		registry.add("handoff.delivery.edges.email-campaign.auth.password", () -> MAILCHIMP_KEY);
		registry.add("handoff.delivery.edges.cms-landing-page.auth.kind", () -> "basic");
		registry.add("handoff.delivery.edges.cms-landing-page.auth.username", () -> WP_USER);
		registry.add("handoff.delivery.edges.cms-landing-page.auth.password", () -> WP_APPLICATION_PASSWORD);
		registry.add("handoff.delivery.edges.tracking-event.auth.kind", () -> "basic");
		registry.add("handoff.delivery.edges.tracking-event.auth.username", () -> SEGMENT_WRITE_KEY);
		ToolStandIns.otherKind(registry, "tracking-batch");
		registry.add("handoff.delivery.edges.tracking-batch.auth.kind", () -> "bearer");
		registry.add("handoff.delivery.edges.tracking-batch.auth.token", () -> BEARER);
		registry.add("handoff.notify.webhook", () -> tools.baseUrl() + SLACK_PATH);
	}

	/**
	 * The tools answer 2xx only to the right credentials, and 401 as the real ones do to
	 * anything else.
	 */
	@BeforeEach
	void toolsCheckCredentials() {
		// both Mailchimp calls, the create and the content, take the key
		tools.stubFor(accepting(any(urlPathMatching(MAILCHIMP + ".*")).withBasicAuth("anystring", MAILCHIMP_KEY), 200));
		tools.stubFor(any(urlPathMatching(MAILCHIMP + ".*")).atPriority(2).willReturn(mailchimpRefuses()));
		tools.stubFor(accepting(post(urlPathEqualTo(WORDPRESS)).withBasicAuth(WP_USER, WP_APPLICATION_PASSWORD), 201));
		tools.stubFor(post(urlPathEqualTo(WORDPRESS)).atPriority(2)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"code\": \"rest_cannot_create\", \"message\": \"Sorry, you are not allowed to create posts as this user.\", "
								+ "\"data\": {\"status\": 401}}")));
		tools.stubFor(accepting(post(urlPathEqualTo(SEGMENT_TRACK)).withBasicAuth(SEGMENT_WRITE_KEY, ""), 200));
		tools.stubFor(post(urlPathEqualTo(SEGMENT_TRACK)).atPriority(2).willReturn(segmentRefuses()));
		tools.stubFor(accepting(
				post(urlPathEqualTo(SEGMENT_BATCH)).withHeader("Authorization", equalTo("Bearer " + BEARER)), 200));
		tools.stubFor(post(urlPathEqualTo(SEGMENT_BATCH)).atPriority(2)
			.willReturn(segmentRefuses().withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
	}

	@Test
	void sendsMailchimpItsApiKeyAsTheBasicPasswordOfAnyUser() {
		briefsApproved();
		String id = accepted("email-campaign", example("email-campaign", "01-good-campaign.json"));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(tools
			.findAll(anyRequestedFor(urlPathMatching(MAILCHIMP + ".*")).withHeader("Idempotency-Key", equalTo(id))))
			.as("each call the delivery route made")
			.isNotEmpty()
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic("anystring", MAILCHIMP_KEY)));
	}

	@Test
	void sendsWordPressItsApplicationPassword() {
		briefsApproved();
		String id = accepted("cms-landing-page", example("cms-landing-page", "01-good-page.json"));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(WORDPRESS)))).hasSize(1)
			.allSatisfy(
					r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic(WP_USER, WP_APPLICATION_PASSWORD)));
	}

	@Test
	void sendsSegmentItsWriteKeyAsTheBasicUserWithNoPassword() {
		briefsApproved();
		String id = accepted("tracking-event", example("tracking-event", "01-good-click.json"));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(SEGMENT_TRACK)))).hasSize(1)
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic(SEGMENT_WRITE_KEY, "")));
	}

	@Test
	void sendsABearerToken() {
		briefsApproved();
		long seq = sendBatch();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(batchStatus(seq)).containsExactly("delivered"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(SEGMENT_BATCH)))).hasSize(1)
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + BEARER));
	}

	@Test
	void sendsNoCredentialsOfOneEdgeToAnother() {
		briefsApproved();
		String id = accepted("email-campaign", example("email-campaign", "01-good-campaign.json"));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(tools.findAll(anyRequestedFor(urlPathMatching(MAILCHIMP + ".*"))).get(0).getHeaders().all())
			.noneSatisfy(h -> assertThat(h.values().toString()).contains(BEARER))
			.noneSatisfy(h -> assertThat(h.values().toString()).contains(basic(SEGMENT_WRITE_KEY, "")));
	}

	@Test
	void aRotatedMailchimpKeyBecomesADeliveryRejectAtOnceWithoutTheKeyTheToolEchoed() {
		// the account's key was rotated: the tool now takes another one, and echoes what
		// it got in its error
		tools.resetMappings();
		tools.stubFor(
				accepting(any(urlPathMatching(MAILCHIMP + ".*")).withBasicAuth("anystring", "rotated-key-us21"), 200));
		tools.stubFor(any(urlPathMatching(MAILCHIMP + ".*")).atPriority(2)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/problem+json")
				.withBody(
						"{\"type\": \"https://mailchimp.com/developer/marketing/docs/errors/\", \"title\": \"API Key Invalid\", "
								+ "\"status\": 401, \"detail\": \"Your API key may be invalid. You sent Authorization: {{request.headers.Authorization}} "
								+ "(key " + MAILCHIMP_KEY
								+ ").\", \"instance\": \"9d8bc2b8-3b6e-4ba7-a3b5-ddc0ba3bc25f\"}")
				.withTransformers("response-template")));
		briefsApproved();
		String id = accepted("email-campaign", example("email-campaign", "01-good-campaign.json"));

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("failed"));
		List<LoggedRequest> sent = tools.findAll(anyRequestedFor(urlPathMatching(MAILCHIMP + ".*")));
		assertThat(sent).as("a 401 is not retried").hasSize(1);
		JsonNode violation = deliveryViolation("email-campaign");
		assertThat(violation.get("message").asText()).isEqualTo(
				"email-campaign: the tool behind direct:mailchimp-campaign refused the message after 1 attempt(s)");
		assertThat(violation.get("actual").asText()).startsWith("401: ")
			.contains("API Key Invalid", "You sent Authorization: Basic [secret] (key [secret])");
		assertNoSecretIn(get("/api/rejects?edge=email-campaign&rule=delivery").body() + rejectOf("email-campaign")
				+ jdbc.queryForList("SELECT outcome FROM delivery_attempt", String.class)
				+ jdbc.queryForList("SELECT last_outcome FROM outbox", String.class));
	}

	@Test
	void aRevokedBearerTokenBecomesADeliveryRejectAtOnce() {
		tools.resetMappings();
		tools.stubFor(post(urlPathEqualTo(SEGMENT_BATCH))
			.willReturn(segmentRefuses().withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
		briefsApproved();
		long seq = sendBatch();

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(batchStatus(seq)).containsExactly("failed"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(SEGMENT_BATCH)))).hasSize(1)
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + BEARER));
		assertThat(deliveryViolation("tracking-batch").get("actual").asText()).startsWith("401: ")
			.contains("Invalid write key");
	}

	@Test
	void aNoticeSlackRefusesLeavesTheWebhooksSecretPathOutOfItsReject() {
		tools.resetMappings();
		tools.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(404).withBody("no_service")));
		ObjectNode message = JSON.createObjectNode().put("text", "Late change to campaign C-1001");
		assertThat(notices.send("alert", "email-campaign", "C-1001", message)).isTrue();

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(
					jdbc.queryForList("SELECT status FROM outbox WHERE edge = ?", String.class, Notices.EDGE))
				.containsExactly("failed"));
		JsonNode violation = deliveryViolation(Notices.EDGE);
		assertThat(violation.get("message").asText())
			.isEqualTo(Notices.EDGE + ": the tool at localhost refused the message after 1 attempt(s)");
		assertThat(violation.get("actual").asText()).isEqualTo("404: no_service");
		assertThat(rejectOf(Notices.EDGE)).doesNotContain("XXXXslackXXXXsecretXXXX", "/services/");
	}

	private static MappingBuilder accepting(MappingBuilder request, int status) {
		return request.atPriority(1)
			.willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\": \"42694e9e57\", \"status\": \"save\"}"));
	}

	private static ResponseDefinitionBuilder mailchimpRefuses() {
		return aResponse().withStatus(401)
			.withHeader("Content-Type", "application/problem+json")
			.withBody(
					"{\"type\": \"https://mailchimp.com/developer/marketing/docs/errors/\", \"title\": \"API Key Invalid\", "
							+ "\"status\": 401, \"detail\": \"Your API key may be invalid, or you've attempted to access the wrong datacenter.\", "
							+ "\"instance\": \"9d8bc2b8-3b6e-4ba7-a3b5-ddc0ba3bc25f\"}");
	}

	private static ResponseDefinitionBuilder segmentRefuses() {
		return aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"success\": false, \"message\": \"Invalid write key\"}");
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private String accepted(String edge, JsonNode message) {
		var response = send(edge, bytes(message));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return json(response).get("id").asText();
	}

	/** Sends a batch of one good event; returns the outbox's last position before it. */
	private long sendBatch() {
		long before = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM outbox", Long.class);
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("batch").add(example("tracking-event", "01-good-click.json"));
		assertThat(send("tracking-batch", bytes(batch)).statusCode()).isEqualTo(202);
		return before;
	}

	private List<String> batchStatus(long after) {
		return jdbc.queryForList("SELECT status FROM outbox WHERE edge = 'tracking-batch' AND seq > ?", String.class,
				after);
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

	/** The reject of the edge's one failed delivery, as the review API shows it. */
	private String rejectOf(String edge) {
		JsonNode rejects = json(get("/api/rejects?edge=" + edge + "&rule=delivery"));
		assertThat(rejects.get("total").asLong()).isEqualTo(1);
		return get("/api/rejects/" + rejects.get("items").get(0).get("id").asText()).body();
	}

	private JsonNode deliveryViolation(String edge) {
		JsonNode reject;
		try {
			reject = JSON.readTree(rejectOf(edge));
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
		JsonNode violation = reject.get("violations").get(0);
		assertThat(violation.get("rule").asText()).isEqualTo("delivery");
		return violation;
	}

	private static void assertNoSecretIn(String shown) {
		assertThat(shown).doesNotContain(MAILCHIMP_KEY, basic("anystring", MAILCHIMP_KEY).substring("Basic ".length()),
				"/email/3.0");
	}

}
