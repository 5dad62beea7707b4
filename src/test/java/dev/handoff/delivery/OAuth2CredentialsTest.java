package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.ToolStandIns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OAuth2 client credentials: a token is fetched once and shared by the sends of an edge,
 * fetched anew before it runs out, and once more when the tool refuses it (one new token,
 * one more send, within the same attempt). A token endpoint that fails is a failed
 * attempt, retried like a tool that is down.
 */
class OAuth2CredentialsTest extends EdgeTestSupport {

	static final String CLIENT_ID = "handoff-client";

	static final String CLIENT_SECRET = "cs-9a8b7c6d5e4f";

	static final String TOKEN_PATH = "/oauth/token";

	static final String TOOL = "/tracking/v1/track";

	@Autowired
	TargetCredentials credentials;

	@DynamicPropertySource
	static void oauth2(DynamicPropertyRegistry registry) {
		ToolStandIns.otherKind(registry, "tracking-event");
		registry.add("handoff.delivery.edges.tracking-event.auth.kind", () -> "oauth2");
		registry.add("handoff.delivery.edges.tracking-event.auth.token-url", () -> tools.baseUrl() + TOKEN_PATH);
		registry.add("handoff.delivery.edges.tracking-event.auth.client-id", () -> CLIENT_ID);
		registry.add("handoff.delivery.edges.tracking-event.auth.client-secret", () -> CLIENT_SECRET);
		registry.add("handoff.delivery.edges.tracking-event.auth.scope", () -> "campaigns:write");
	}

	/**
	 * Every test starts with no token in hand, and a tool that takes the tokens its test
	 * hands out.
	 */
	@BeforeEach
	void noTokenYet() {
		credentials.rejected("tracking-event");
		tools.stubFor(post(urlPathEqualTo(TOOL)).atPriority(2)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
				.withBody(
						"{\"title\": \"Unauthorized\", \"status\": 401, \"detail\": \"the access token is invalid or has expired\"}")));
	}

	@Test
	void fetchesOneTokenForManySends() {
		tokens(token("tok-1", 3600));
		toolTakes("tok-1");
		briefsApproved();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(accepted());
		}

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo("delivered")));
		assertThat(tokenRequests()).as("one token for five sends, several of them at once").hasSize(1).allSatisfy(r -> {
			assertThat(r.getHeader("Authorization")).isEqualTo(TargetCredentialsTest.basic(CLIENT_ID, CLIENT_SECRET));
			assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(r.getBodyAsString()).isEqualTo("grant_type=client_credentials&scope="
					+ URLEncoder.encode("campaigns:write", StandardCharsets.UTF_8));
		});
		assertThat(toolRequests()).hasSize(5)
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-1"));
	}

	@Test
	void fetchesANewTokenOnceTheOldOneIsAboutToRunOut() {
		tokens(token("tok-1", 1), token("tok-2", 3600));
		toolTakes("tok-1");
		toolTakes("tok-2");
		briefsApproved();
		String first = accepted();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(first)).isEqualTo("delivered"));

		// tok-1 lived one second from before it was asked for; once that has passed, it
		// cannot be used again
		Instant fetched = tokenRequests().get(0).getLoggedDate().toInstant();
		await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(fetched.plusMillis(1500)));
		String second = accepted();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(second)).isEqualTo("delivered"));

		assertThat(tokenRequests()).hasSize(2);
		assertThat(toolRequests()).extracting(r -> r.getHeader("Authorization"))
			.containsExactly("Bearer tok-1", "Bearer tok-2");
	}

	@Test
	void fetchesOneNewTokenAndSendsOnceMoreWhenTheToolRefusesTheToken() {
		// tok-1 was revoked at the tool before it ran out
		tokens(token("tok-1", 3600), token("tok-2", 3600));
		toolTakes("tok-2");
		briefsApproved();
		String id = accepted();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(tokenRequests()).hasSize(2);
		assertThat(toolRequests()).extracting(r -> r.getHeader("Authorization"))
			.containsExactly("Bearer tok-1", "Bearer tok-2");
		assertThat(toolRequests()).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(id);
		assertThat(jdbc.queryForObject("SELECT attempts FROM outbox WHERE id = ?", Integer.class, id))
			.as("within one attempt")
			.isEqualTo(1);
	}

	@Test
	void givesUpAtOnceWhenTheToolRefusesTheNewTokenToo() {
		tokens(token("tok-1", 3600), token("tok-2", 3600), token("tok-3", 3600));
		briefsApproved();
		String id = accepted();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("failed"));
		assertThat(tokenRequests()).as("one refresh, not one per retry").hasSize(2);
		assertThat(toolRequests()).extracting(r -> r.getHeader("Authorization"))
			.containsExactly("Bearer tok-1", "Bearer tok-2");
		JsonNode reject = json(get("/api/rejects/" + rejectId()));
		JsonNode violation = reject.get("violations").get(0);
		assertThat(violation.get("message").asText())
			.isEqualTo("tracking-event: the tool at localhost refused the message after 1 attempt(s)");
		assertThat(violation.get("actual").asText()).startsWith("401: ").contains("the access token is invalid");
		assertThat(reject.toString()).doesNotContain("tok-2", CLIENT_SECRET);
	}

	@Test
	void retriesLikeAToolThatIsDownWhenTheTokenEndpointFails() {
		tools.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"error\": \"temporarily_unavailable\"}"))
			.willSetStateTo("up"));
		tools.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
			.whenScenarioStateIs("up")
			.willReturn(token("tok-1", 3600)));
		toolTakes("tok-1");
		briefsApproved();
		String id = accepted();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(toolRequests()).as("nothing is sent without a token").hasSize(1);
		List<String> outcomes = jdbc
			.queryForList("SELECT outcome FROM delivery_attempt WHERE outbox_id = ? ORDER BY seq", String.class, id);
		assertThat(outcomes).hasSize(2);
		assertThat(outcomes.get(0))
			.isEqualTo("no access token: the token endpoint at localhost answered 503 (temporarily_unavailable)")
			.doesNotContain(TOKEN_PATH, CLIENT_SECRET);
	}

	@Test
	void answersAFailedTokenEndpointWithAnExceptionNamingItsHostForOtherTargets() {
		tools.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.willReturn(aResponse().withStatus(401).withBody("{\"error\": \"invalid_client\"}")));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> credentials.headers("tracking-event"))
			.isInstanceOf(TargetCredentials.Unavailable.class)
			.hasMessage("no access token: the token endpoint at localhost answered 401 (invalid_client)");
		assertThat(credentials.headers("brief-approved")).isEmpty();
	}

	private static ResponseDefinitionBuilder token(String value, int expiresIn) {
		return okJson(
				"{\"access_token\": \"" + value + "\", \"token_type\": \"Bearer\", \"expires_in\": " + expiresIn + "}");
	}

	/**
	 * The token endpoint hands out these answers in turn, to the client id and secret
	 * only.
	 */
	private void tokens(ResponseDefinitionBuilder... answers) {
		for (int i = 0; i < answers.length; i++) {
			tools.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
				.whenScenarioStateIs(i == 0 ? Scenario.STARTED : "handed out " + i)
				.withBasicAuth(CLIENT_ID, CLIENT_SECRET)
				.withRequestBody(containing("grant_type=client_credentials"))
				.willReturn(answers[i])
				.willSetStateTo("handed out " + (i + 1)));
		}
	}

	private void toolTakes(String token) {
		tools.stubFor(post(urlPathEqualTo(TOOL)).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + token))
			.willReturn(okJson("{\"id\": \"42694e9e57\", \"status\": \"save\"}")));
	}

	private List<LoggedRequest> tokenRequests() {
		return tools.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	private List<LoggedRequest> toolRequests() {
		return tools.findAll(postRequestedFor(urlPathEqualTo(TOOL)));
	}

	private String accepted() {
		HttpResponse<String> response = send("tracking-event", bytes(example("tracking-event", "01-good-click.json")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return json(response).get("id").asText();
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

	private String rejectId() {
		JsonNode rejects = json(get("/api/rejects?edge=tracking-event&rule=delivery"));
		assertThat(rejects.get("total").asLong()).isEqualTo(1);
		return rejects.get("items").get(0).get("id").asText();
	}

}
