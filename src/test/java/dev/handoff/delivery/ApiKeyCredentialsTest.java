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

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.ToolStandIns;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An API key goes in the header or the query parameter its tool names, and nowhere it
 * could be read back: not in the outbox's target, not in a reject when the tool echoes
 * the URL, not in the list of edges, whose targets are shown without user info or query
 * for every role.
 */
class ApiKeyCredentialsTest extends EdgeTestSupport {

	static final String HEADER_KEY = "hk-5d2c9e61b0a84f7f";

	/**
	 * With characters a query must escape, so the key is checked in the form it travels
	 * in too.
	 */
	static final String QUERY_KEY = "qk+7a1/b3=";

	static final String MAILCHIMP = "/email/3.0/campaigns";

	static final String SEGMENT_TRACK = "/tracking/v1/track";

	/** A route whose target carries credentials the old way, in user info and query. */
	static final String RELAY = "http://relay-user:relay-pass@localhost:9/hooks/relay?token=query-secret";

	@DynamicPropertySource
	static void credentials(DynamicPropertyRegistry registry) throws IOException {
		ToolStandIns.otherKind(registry, "email-campaign");
		ToolStandIns.otherKind(registry, "tracking-event");
		registry.add("handoff.delivery.edges.email-campaign.auth.kind", () -> "api-key");
		registry.add("handoff.delivery.edges.email-campaign.auth.header", () -> "X-API-Key");
		registry.add("handoff.delivery.edges.email-campaign.auth.token", () -> HEADER_KEY);
		registry.add("handoff.delivery.edges.tracking-event.auth.kind", () -> "api-key");
		registry.add("handoff.delivery.edges.tracking-event.auth.query-parameter", () -> "api_key");
		registry.add("handoff.delivery.edges.tracking-event.auth.token", () -> QUERY_KEY);
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-"));
		Files.writeString(routes.resolve("hook-relay.yaml"), """
				- route:
				    id: hook-relay
				    routeConfigurationId: handoff-edge
				    from:
				      uri: platform-http:/edges/hook-relay
				      parameters:
				        httpMethodRestrict: POST
				      steps:
				        - to: handoff:guard:tracking-event?inbound=open
				        - to: handoff:accept?deliverTo=RAW(%s)
				""".formatted(RELAY));
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
	}

	@BeforeEach
	void toolsCheckTheKey() {
		tools.stubFor(any(urlPathMatching(MAILCHIMP + ".*")).withHeader("X-API-Key", equalTo(HEADER_KEY))
			.atPriority(1)
			.willReturn(mailchimpCreated()));
		tools.stubFor(any(urlPathMatching(MAILCHIMP + ".*")).atPriority(2).willReturn(refused()));
		tools.stubFor(post(urlPathEqualTo(SEGMENT_TRACK)).withQueryParam("api_key", equalTo(QUERY_KEY))
			.atPriority(1)
			.willReturn(aResponse().withStatus(200).withBody("{\"success\": true}")));
		tools.stubFor(post(urlPathEqualTo(SEGMENT_TRACK)).atPriority(2).willReturn(refused()));
	}

	@Test
	void sendsAnApiKeyInTheHeaderItsToolNames() {
		briefsApproved();
		String id = accepted("email-campaign", example("email-campaign", "01-good-campaign.json"));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(tools
			.findAll(anyRequestedFor(urlPathMatching(MAILCHIMP + ".*")).withHeader("Idempotency-Key", equalTo(id))))
			.as("both of Mailchimp's calls (or the content call, once the campaign is made)")
			.isNotEmpty()
			.allSatisfy(r -> {
				assertThat(r.getHeader("X-API-Key")).isEqualTo(HEADER_KEY);
				assertThat(r.containsHeader("Authorization")).isFalse();
			});
	}

	@Test
	void sendsAnApiKeyAsAQueryParameterWithoutStoringItInTheTarget() {
		briefsApproved();
		String id = accepted("tracking-event", example("tracking-event", "01-good-click.json"));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("delivered"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(SEGMENT_TRACK)))).hasSize(1)
			.allSatisfy(r -> assertThat(r.queryParameter("api_key").firstValue()).isEqualTo(QUERY_KEY));
		assertThat(jdbc.queryForObject("SELECT target FROM outbox WHERE id = ?", String.class, id))
			.isEqualTo(tools.baseUrl() + SEGMENT_TRACK);
	}

	@Test
	void aHeaderKeyTheToolRefusesBecomesADeliveryRejectAtOnce() {
		tools.resetMappings();
		tools.stubFor(any(urlPathMatching(MAILCHIMP + ".*")).willReturn(refused()));
		briefsApproved();
		String id = accepted("email-campaign", example("email-campaign", "01-good-campaign.json"));

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("failed"));
		assertThat(tools.findAll(anyRequestedFor(urlPathMatching(MAILCHIMP + ".*")))).as("a 401 is not retried")
			.hasSize(1)
			.allSatisfy(r -> assertThat(r.getHeader("X-API-Key")).isEqualTo(HEADER_KEY));
		JsonNode violation = json(get("/api/rejects/" + rejectId("email-campaign"))).get("violations").get(0);
		assertThat(violation.get("message").asText()).isEqualTo(
				"email-campaign: the tool behind direct:mailchimp-campaign refused the message after 1 attempt(s)");
		assertThat(violation.get("actual").asText()).startsWith("401: ").contains("API Key Invalid");
	}

	@Test
	void aToolEchoingTheRequestUrlLeavesTheQueryKeyOutOfTheReject() {
		tools.resetMappings();
		tools.stubFor(post(urlPathEqualTo(SEGMENT_TRACK)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"success\": false, \"message\": \"Invalid write key\", \"request\": \"POST {{request.url}}\"}")
			.withTransformers("response-template")));
		briefsApproved();
		String id = accepted("tracking-event", example("tracking-event", "01-good-click.json"));

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(status(id)).isEqualTo("failed"));
		LoggedRequest sent = tools.findAll(postRequestedFor(urlPathEqualTo(SEGMENT_TRACK))).get(0);
		assertThat(sent.getUrl()).as("the tool did get the key, in its escaped form")
			.contains(URLEncoder.encode(QUERY_KEY, StandardCharsets.UTF_8));
		String reject = get("/api/rejects/" + rejectId("tracking-event")).body();
		assertThat(
				json(get("/api/rejects/" + rejectId("tracking-event"))).get("violations").get(0).get("actual").asText())
			.contains("POST /tracking/v1/track?api_key=[secret]");
		assertThat(reject).doesNotContain(QUERY_KEY, URLEncoder.encode(QUERY_KEY, StandardCharsets.UTF_8));
		assertThat(jdbc.queryForList("SELECT outcome FROM delivery_attempt", String.class))
			.noneSatisfy(outcome -> assertThat(outcome).contains(URLEncoder.encode(QUERY_KEY, StandardCharsets.UTF_8)));
	}

	@Test
	void listsTheEdgesWithTargetsStrippedOfUserInfoAndQueryForEveryRole() {
		for (String token : new String[] { "test-viewer-token", "test-admin-token" }) {
			String body = get("/api/edges", token).body();
			assertThat(body).doesNotContain("relay-user", "relay-pass", "query-secret", "?");
			JsonNode edges = json(get("/api/edges", token)).get("edges");
			assertThat(edges).filteredOn(e -> e.get("name").asText().equals("hook-relay"))
				.singleElement()
				.satisfies(e -> assertThat(e.get("deliverTo").asText()).isEqualTo("http://localhost:9/hooks/relay"));
			assertThat(edges).filteredOn(e -> e.get("name").asText().equals("email-campaign"))
				.singleElement()
				.satisfies(e -> assertThat(e.get("deliverTo").asText()).isEqualTo("direct:mailchimp-campaign"));
		}
	}

	@Test
	void showsTheEdgesPageWithTargetsStrippedOfUserInfoAndQuery() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String base = "http://localhost:" + port;
		String login = browser
			.send(HttpRequest.newBuilder(URI.create(base + "/ui/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("token=test-viewer-token&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);

		HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/ui/edges")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("http://localhost:9/hooks/relay")
			.doesNotContain("relay-user", "relay-pass", "query-secret");
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder refused() {
		return aResponse().withStatus(401)
			.withHeader("Content-Type", "application/problem+json")
			.withBody(
					"{\"type\": \"https://mailchimp.com/developer/marketing/docs/errors/\", \"title\": \"API Key Invalid\", "
							+ "\"status\": 401, \"detail\": \"Your API key may be invalid, or you've attempted to access the wrong datacenter.\"}");
	}

	private String accepted(String edge, JsonNode message) {
		HttpResponse<String> response = send(edge, bytes(message));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return json(response).get("id").asText();
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

	private String rejectId(String edge) {
		JsonNode rejects = json(get("/api/rejects?edge=" + edge + "&rule=delivery"));
		assertThat(rejects.get("total").asLong()).isEqualTo(1);
		return rejects.get("items").get(0).get("id").asText();
	}

}
