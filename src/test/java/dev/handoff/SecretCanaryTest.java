package dev.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.notify.Notices;
import dev.handoff.signature.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One canary value hidden in every secret Handoff is given (each kind of credential, a
 * signing secret, the notices webhook's secret path), traffic through every path a secret
 * could come back by (tools that echo the request in their refusals, retries, delivery
 * rejects replayed one by one and in bulk, a held message approved, a notice refused),
 * and then every place Handoff shows, stores or logs anything searched for the canary in
 * each form a secret travels in.
 */
@AutoConfigureObservability // tests turn metric export off unless asked; the Prometheus
							// scrape is one of the places searched
@ExtendWith(OutputCaptureExtension.class) // registered on the class: the capture starts
											// before the service does
class SecretCanaryTest extends EdgeTestSupport {

	/**
	 * Hidden in every secret below. Letters, digits and dashes only, so every encoding
	 * but base64 leaves it whole.
	 */
	static final String CANARY = "canary-7f3a9c1e5b";

	/**
	 * Mailchimp: the API key is the Basic password of any user, its data centre after the
	 * dash.
	 */
	static final String MAILCHIMP_KEY = CANARY + "-us21";

	static final String WP_USER = "handoff-editor";

	/**
	 * WordPress application passwords come in groups with spaces, which a query or form
	 * encodes as '+'.
	 */
	static final String WP_PASSWORD = CANARY + " wpAP 9xQz";

	/** Segment: the write key is the Basic user, with no password. */
	static final String SEGMENT_WRITE_KEY = CANARY + "-wk";

	static final String BEARER = CANARY + "-bearer";

	static final String CLIENT_ID = "handoff-client";

	/** With characters the token request form-encodes before they go into Basic. */
	static final String CLIENT_SECRET = CANARY + "-cs/+";

	/**
	 * The token endpoint hands out a token holding the canary too: a token in hand is as
	 * secret as the client secret.
	 */
	static final String ACCESS_TOKEN = CANARY + "-access-token";

	/**
	 * With characters a query must escape, so the key is looked for in the form it
	 * travels in too.
	 */
	static final String QUERY_KEY = CANARY + "+q/k=";

	static final String HEADER_KEY = CANARY + "-hk";

	/**
	 * Standard Webhooks secrets are base64: the canary is only in their decoded bytes.
	 */
	static final String SIGNING_SECRET = "whsec_" + base64(CANARY + "-outbound-signing-key");

	static final String INBOUND_SECRET = "whsec_" + base64(CANARY + "-inbound-signing-key");

	/** A Slack incoming webhook: its path is the secret. */
	static final String WEBHOOK_PATH = "/services/T0/B0/" + CANARY;

	static final String MAILCHIMP = "/email/3.0/campaigns";

	static final String WORDPRESS = "/cms/wp-json/wp/v2/pages";

	static final String TRACK = "/tracking/v1/track";

	static final String BATCH = "/tracking/v1/batch";

	static final String OAUTH_TOOL = "/tracking/v1/oauth";

	static final String TOKEN_PATH = "/oauth/token";

	static final String QUERY_TOOL = "/tracking/v1/keyed";

	static final String HEADER_TOOL = "/tracking/v1/headed";

	/**
	 * In the messages the tools are told to refuse, so that the same tool takes one
	 * message and refuses another.
	 */
	static final String REFUSED = "evt-refused";

	static final String REFUSED_PAGE = "Spring Sale 2027 (refused)";

	/**
	 * Every form the canary can be found in: as configured, as it travels (Basic, query
	 * encoding) and inside any base64.
	 */
	static final List<String> FORMS = forms();

	@Autowired
	Notices notices;

	/**
	 * What every search found; all of it is reported at once, so one run shows every
	 * leak.
	 */
	private final List<String> leaks = new ArrayList<>();

	@DynamicPropertySource
	static void canaryEverywhere(DynamicPropertyRegistry registry) throws IOException {
		registry.add("handoff.delivery.edges.email-campaign.auth.kind", () -> "basic");
		registry.add("handoff.delivery.edges.email-campaign.auth.username", () -> "anystring");
		registry.add("handoff.delivery.edges.email-campaign.auth.password", () -> MAILCHIMP_KEY);
		registry.add("handoff.delivery.edges.cms-landing-page.auth.kind", () -> "basic");
		registry.add("handoff.delivery.edges.cms-landing-page.auth.username", () -> WP_USER);
		registry.add("handoff.delivery.edges.cms-landing-page.auth.password", () -> WP_PASSWORD);
		registry.add("handoff.delivery.edges.cms-landing-page.signing-secret", () -> SIGNING_SECRET);
		registry.add("handoff.delivery.edges.tracking-event.auth.kind", () -> "basic");
		registry.add("handoff.delivery.edges.tracking-event.auth.username", () -> SEGMENT_WRITE_KEY);
		ToolStandIns.otherKind(registry, "tracking-batch");
		registry.add("handoff.delivery.edges.tracking-batch.auth.kind", () -> "bearer");
		registry.add("handoff.delivery.edges.tracking-batch.auth.token", () -> BEARER);
		registry.add("handoff.delivery.edges.tracking-oauth.auth.kind", () -> "oauth2");
		registry.add("handoff.delivery.edges.tracking-oauth.auth.token-url", () -> tools.baseUrl() + TOKEN_PATH);
		registry.add("handoff.delivery.edges.tracking-oauth.auth.client-id", () -> CLIENT_ID);
		registry.add("handoff.delivery.edges.tracking-oauth.auth.client-secret", () -> CLIENT_SECRET);
		registry.add("handoff.delivery.edges.tracking-keyed.auth.kind", () -> "api-key");
		registry.add("handoff.delivery.edges.tracking-keyed.auth.query-parameter", () -> "api_key");
		registry.add("handoff.delivery.edges.tracking-keyed.auth.token", () -> QUERY_KEY);
		registry.add("handoff.delivery.edges.tracking-headed.auth.kind", () -> "api-key");
		registry.add("handoff.delivery.edges.tracking-headed.auth.header", () -> "X-API-Key");
		registry.add("handoff.delivery.edges.tracking-headed.auth.token", () -> HEADER_KEY);
		registry.add("handoff.edges.signatures.tracking-headed.secrets[0]", () -> INBOUND_SECRET);
		registry.add("handoff.notify.webhook", () -> tools.baseUrl() + WEBHOOK_PATH);
		// the shipped edges take four tools; three more edges on the tracking contract
		// take the other kinds of credential
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-"));
		// who may send to them: anyone for two (open, said so), Standard Webhooks
		// signatures for the third
		for (String[] edge : new String[][] { { "tracking-oauth", OAUTH_TOOL, "open" },
				{ "tracking-keyed", QUERY_TOOL, "open" }, { "tracking-headed", HEADER_TOOL, "standard-webhooks" } }) {
			Files.writeString(routes.resolve(edge[0] + ".yaml"), """
					- route:
					    id: %s
					    routeConfigurationId: handoff-edge
					    from:
					      uri: platform-http:/edges/%s
					      parameters:
					        httpMethodRestrict: POST
					      steps:
					        - to: handoff:guard:tracking-event?inbound=%s
					        - to: handoff:accept?deliverTo=%s
					""".formatted(edge[0], edge[0], edge[2], tools.baseUrl() + edge[1]));
		}
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
	}

	@Test
	void noSecretShowsInAnyAnswerScreenTableMetricOrLogLine(CapturedOutput output) throws Exception {
		toolsTakeOnlyTheirCredentials();
		briefsApproved();

		// every edge delivers once; Mailchimp's content call and the batch fail once
		// first, the token endpoint is down once first
		accepted("email-campaign", example("email-campaign", "01-good-campaign.json"));
		accepted("cms-landing-page", example("cms-landing-page", "01-good-page.json"));
		accepted("tracking-event", click("evt-1"));
		accepted("tracking-batch", batchOf(click("evt-2")));
		accepted("tracking-oauth", click("evt-3"));
		accepted("tracking-keyed", click("evt-4"));
		assertThat(answered(send("tracking-headed", bytes(click("evt-5")))).statusCode())
			.as("an unsigned message is refused")
			.isEqualTo(401);
		signedTo("tracking-headed", click("evt-5"));
		HttpResponse<String> typed = answered(
				send("email-campaign", bytes(example("email-campaign", "02-typed-utm-campaign.json"))));
		assertThat(typed.statusCode()).as(typed.body()).isEqualTo(422);
		HttpResponse<String> regulated = answered(
				send("email-campaign", bytes(example("email-campaign", "12-regulated-offer-held.json"))));
		assertThat(json(regulated).get("status").asText()).as(regulated.body()).isEqualTo("held");
		String held = json(regulated).get("id").asText();
		awaitNothingPending();
		assertThat(jdbc.queryForList("SELECT status FROM outbox", String.class)).as("all delivered")
			.containsOnly("delivered")
			.hasSize(7);

		// now the tools refuse, echoing what they were sent: a 401 on most kinds of
		// credential, a 500 on the query key until
		// Handoff gives up, Mailchimp refusing the approved campaign, and the notices
		// webhook answering 404
		List<StubMapping> refusals = new ArrayList<>();
		refusals.add(tools.stubFor(refusing(post(urlPathEqualTo(TRACK)), 401)));
		refusals.add(tools.stubFor(refusing(post(urlPathEqualTo(OAUTH_TOOL)), 401)));
		refusals.add(tools.stubFor(refusing(post(urlPathEqualTo(QUERY_TOOL)), 500)));
		refusals.add(tools.stubFor(refusing(post(urlPathEqualTo(HEADER_TOOL)), 401)));
		refusals.add(tools.stubFor(post(urlPathMatching(WORDPRESS + ".*")).atPriority(1)
			.withRequestBody(containing(REFUSED_PAGE))
			.willReturn(echoing(401))));
		refusals.add(tools.stubFor(put(urlPathMatching(MAILCHIMP + "/.*")).atPriority(1).willReturn(echoing(401))));
		accepted("tracking-event", click(REFUSED));
		accepted("tracking-oauth", click(REFUSED));
		accepted("tracking-keyed", click(REFUSED));
		signedTo("tracking-headed", click(REFUSED));
		ObjectNode page = example("cms-landing-page", "01-good-page.json").deepCopy();
		accepted("cms-landing-page", page.put("title", REFUSED_PAGE));
		approve(held);
		assertThat(
				notices.send("alert", "email-campaign", "C-1001", JSON.createObjectNode().put("text", "Canary alert")))
			.isTrue();
		awaitNothingPending();
		assertThat(deliveryRejects()).as("one delivery reject per refusal and one for the notice").hasSize(7);

		// the tools are mended; an operator replays one reject, then everything open in
		// bulk
		refusals.forEach(tools::removeStub);
		String first = deliveryRejects().stream()
			.filter(r -> r.get("edge").equals("tracking-event"))
			.findFirst()
			.orElseThrow()
			.get("id");
		HttpResponse<String> replayed = answered(
				postApi("/api/rejects/" + first + "/replay", "test-operator-token", null));
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		HttpResponse<String> bulk = answered(postApi("/api/rejects/replay", "test-operator-token", null));
		assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(200);
		assertThat(json(bulk).get("accepted").asInt())
			.as("five delivery rejects; the notice has no edge to replay through, the typed "
					+ "campaign is rejected again: " + bulk.body())
			.isEqualTo(5);
		awaitNothingPending();
		// the approved campaign Mailchimp refused is held again by its gate when
		// replayed: it needs a person once more
		JsonNode heldAgain = json(get("/api/held")).get("items");
		assertThat(heldAgain).hasSize(1);
		approve(heldAgain.get(0).get("id").asText());
		awaitNothingPending();
		assertThat(jdbc.queryForList("SELECT edge FROM reject WHERE status = 'open' ORDER BY seq", String.class))
			.as("left open: the typed campaign, rejected again, and the notice")
			.containsExactly("email-campaign", Notices.EDGE);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE status = 'delivered'", Integer.class))
			.as("seven sends, six replays")
			.isEqualTo(13);

		toolsGotTheirCredentials();
		toolsEchoedThemAndHandoffHidThem();

		searchTheApi();
		searchTheScreens();
		searchTheDatabase();
		searchTheActuator();
		searchTheLog(output);
		assertThat(leaks).as("places that show a secret").isEmpty();
	}

	/**
	 * The tools answer 2xx only to their own credentials, and echo the request in every
	 * refusal.
	 */
	private void toolsTakeOnlyTheirCredentials() {
		tools.resetAll();
		// anything unexpected is refused too: a request no stub matches would be logged
		// by WireMock, headers and all
		tools.stubFor(any(anyUrl()).atPriority(10).willReturn(echoing(401)));
		tools.stubFor(post(urlPathEqualTo(MAILCHIMP)).atPriority(5)
			.withBasicAuth("anystring", MAILCHIMP_KEY)
			.willReturn(mailchimpCreated()));
		// the first content call fails and is retried; the ones after it succeed
		tools.stubFor(put(urlPathMatching(MAILCHIMP + "/[^/]+/content")).atPriority(5)
			.withBasicAuth("anystring", MAILCHIMP_KEY)
			.inScenario("content")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(echoing(500))
			.willSetStateTo("up"));
		tools.stubFor(put(urlPathMatching(MAILCHIMP + "/[^/]+/content")).atPriority(5)
			.withBasicAuth("anystring", MAILCHIMP_KEY)
			.inScenario("content")
			.whenScenarioStateIs("up")
			.willReturn(okJson("{\"html\": \"...\"}")));
		tools.stubFor(post(urlPathMatching(WORDPRESS + "(/[0-9]+)?")).atPriority(5)
			.withBasicAuth(WP_USER, WP_PASSWORD)
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\": 4211, \"status\": \"draft\"}")));
		tools.stubFor(post(urlPathEqualTo(TRACK)).atPriority(5)
			.withBasicAuth(SEGMENT_WRITE_KEY, "")
			.willReturn(okJson("{\"success\": true}")));
		tools.stubFor(post(urlPathEqualTo(BATCH)).atPriority(5)
			.withHeader("Authorization", equalTo("Bearer " + BEARER))
			.inScenario("batch")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(echoing(500))
			.willSetStateTo("up"));
		tools.stubFor(post(urlPathEqualTo(BATCH)).atPriority(5)
			.withHeader("Authorization", equalTo("Bearer " + BEARER))
			.inScenario("batch")
			.whenScenarioStateIs("up")
			.willReturn(okJson("{\"success\": true}")));
		// the token endpoint is down once, then hands out the token to the client's id
		// and secret only
		tools.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(5)
			.inScenario("tokens")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(echoing(503))
			.willSetStateTo("up"));
		tools.stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(5)
			.inScenario("tokens")
			.whenScenarioStateIs("up")
			.withBasicAuth(CLIENT_ID, URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8))
			.willReturn(okJson(
					"{\"access_token\": \"" + ACCESS_TOKEN + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
		tools.stubFor(post(urlPathEqualTo(OAUTH_TOOL)).atPriority(5)
			.withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
			.willReturn(okJson("{\"success\": true}")));
		tools.stubFor(post(urlPathEqualTo(QUERY_TOOL)).atPriority(5)
			.withQueryParam("api_key", equalTo(QUERY_KEY))
			.willReturn(okJson("{\"success\": true}")));
		tools.stubFor(post(urlPathEqualTo(HEADER_TOOL)).atPriority(5)
			.withHeader("X-API-Key", equalTo(HEADER_KEY))
			.willReturn(okJson("{\"success\": true}")));
		// a webhook that was removed: Slack answers 404, this one names the URL it was
		// called on as well
		tools.stubFor(post(urlPathEqualTo(WEBHOOK_PATH)).atPriority(5).willReturn(echoing(404)));
	}

	/**
	 * A careless tool's refusal: the credentials and the URL it was sent, echoed back.
	 */
	private static ResponseDefinitionBuilder echoing(int status) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"refused\", \"authorization\": \"{{request.headers.Authorization}}\", "
					+ "\"apiKey\": \"{{request.headers.X-API-Key}}\", \"url\": \"{{request.url}}\"}")
			.withTransformers("response-template");
	}

	private static MappingBuilder refusing(MappingBuilder request, int status) {
		return request.atPriority(1).withRequestBody(containing(REFUSED)).willReturn(echoing(status));
	}

	/**
	 * The tools did get the canary: it was configured, and sent in the form each tool
	 * takes.
	 */
	private void toolsGotTheirCredentials() {
		assertThat(requests("/email/.*")).isNotEmpty()
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic("anystring", MAILCHIMP_KEY)));
		assertThat(requests("/cms/.*")).isNotEmpty().allSatisfy(r -> {
			assertThat(r.getHeader("Authorization")).isEqualTo(basic(WP_USER, WP_PASSWORD));
			assertThat(WebhookSignature.refusal(r.getHeader("webhook-id"), r.getHeader("webhook-timestamp"),
					r.getHeader("webhook-signature"), r.getBody(), List.of(SIGNING_SECRET), Duration.ofHours(1),
					Instant.now()))
				.as("signed with the signing secret")
				.isEmpty();
		});
		assertThat(requests(TRACK)).isNotEmpty()
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic(SEGMENT_WRITE_KEY, "")));
		assertThat(requests(BATCH)).isNotEmpty()
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + BEARER));
		assertThat(requests(TOKEN_PATH)).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(r -> assertThat(r.getHeader("Authorization"))
				.isEqualTo(basic(CLIENT_ID, URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8))));
		assertThat(requests(OAUTH_TOOL)).isNotEmpty()
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN));
		assertThat(requests(QUERY_TOOL)).isNotEmpty()
			.allSatisfy(r -> assertThat(r.queryParameter("api_key").firstValue()).isEqualTo(QUERY_KEY));
		assertThat(requests(HEADER_TOOL)).isNotEmpty()
			.allSatisfy(r -> assertThat(r.getHeader("X-API-Key")).isEqualTo(HEADER_KEY));
		assertThat(requests(WEBHOOK_PATH)).isNotEmpty();
		assertThat(tools.findAllUnmatchedRequests())
			.as("no request went unmatched, which WireMock would log with its headers")
			.isEmpty();
	}

	/**
	 * The refusals really carried the secrets back (else the searches below prove nothing
	 * about them), and what Handoff kept of them has the secrets hidden rather than the
	 * echo dropped.
	 */
	private void toolsEchoedThemAndHandoffHidThem() {
		String echoed = tools.getAllServeEvents()
			.stream()
			.map(e -> e.getResponse().getBodyAsString())
			.collect(Collectors.joining("\n"));
		assertThat(echoed).contains(basic("anystring", MAILCHIMP_KEY), basic(WP_USER, WP_PASSWORD),
				basic(SEGMENT_WRITE_KEY, ""), "Bearer " + BEARER, "Bearer " + ACCESS_TOKEN,
				URLEncoder.encode(QUERY_KEY, StandardCharsets.UTF_8), HEADER_KEY, WEBHOOK_PATH,
				basic(CLIENT_ID, URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8)));
		List<String> outcomes = jdbc.queryForList("SELECT outcome FROM delivery_attempt WHERE status IN (401, 500)",
				String.class);
		assertThat(outcomes).hasSizeGreaterThanOrEqualTo(12).allSatisfy(o -> assertThat(o).contains("[secret]"));
	}

	/**
	 * Every GET of the review API the OpenAPI document lists, as a viewer and as an
	 * admin, with each path variable filled with every id there is. A path with a
	 * variable this test cannot fill fails the test rather than being left out; none is
	 * left out today. Only {@code /api/audit} is not read as a viewer: it is an admin's,
	 * and refused to anyone else.
	 */
	private void searchTheApi() {
		Map<String, List<String>> ids = new HashMap<>();
		ids.put("/api/rejects/{id}", jdbc.queryForList("SELECT id FROM reject", String.class));
		ids.put("/api/held/{id}", jdbc.queryForList("SELECT id FROM held", String.class));
		ids.put("/api/truth/{campaign}", List.of("C-1001"));
		ids.put("/api/causes/{id}", json(get("/api/causes")).findValuesAsText("id"));
		ids.put("/api/rejects/jobs/{job}", json(get("/api/rejects/jobs")).findValuesAsText("id"));
		assertThat(ids).allSatisfy((path, values) -> assertThat(values).as(path).isNotEmpty());
		List<String> paths = new ArrayList<>();
		List<String> unfilled = new ArrayList<>();
		HttpResponse<String> document = get("/v3/api-docs", null);
		assertThat(document.statusCode()).isEqualTo(200);
		search("/v3/api-docs", document.body());
		json(document).get("paths").properties().forEach(path -> {
			if (!path.getValue().has("get")) {
				return;
			}
			if (!path.getKey().contains("{")) {
				paths.add(path.getKey());
			}
			else if (ids.containsKey(path.getKey())) {
				ids.get(path.getKey()).forEach(id -> paths.add(path.getKey().replaceFirst("\\{[^}]+}", id)));
			}
			else {
				unfilled.add(path.getKey());
			}
		});
		assertThat(unfilled).as("GET paths with a variable this test has no ids for").isEmpty();
		// the same lists with the filters that select what the plain call leaves out
		paths.addAll(List.of("/api/rejects?status=", "/api/rejects?rule=delivery&status=replayed",
				"/api/held?status=approved", "/api/report?format=csv", "/api/report?format=text",
				"/api/drift?campaign=C-1001"));
		int answered = 0;
		for (String token : new String[] { "test-viewer-token", "test-admin-token" }) {
			for (String path : paths) {
				HttpResponse<String> answer = get(path, token);
				if (answer.statusCode() == 403 && token.equals("test-viewer-token") && path.startsWith("/api/audit")) {
					continue;
				}
				assertThat(answer.statusCode()).as(token + " GET " + path + ": " + answer.body()).isEqualTo(200);
				search(token + " GET " + path, answer.headers().map() + "\n" + answer.body());
				answered++;
			}
		}
		assertThat(answered).as("GETs answered").isGreaterThanOrEqualTo(40);
	}

	/**
	 * The review screens a viewer and an admin can open, every reject's page among them.
	 */
	private void searchTheScreens() {
		List<String> screens = new ArrayList<>(List.of("/ui", "/ui/edges", "/ui/rejects", "/ui/rejects?status=",
				"/ui/held", "/ui/truth", "/ui/truth/C-1001", "/ui/drift", "/ui/drift?campaign=C-1001", "/ui/report",
				"/ui/report?campaign=C-1001"));
		jdbc.queryForList("SELECT id FROM reject", String.class).forEach(id -> screens.add("/ui/rejects/" + id));
		for (String token : new String[] { "test-viewer-token", "test-admin-token" }) {
			Browser browser = new Browser(port, token);
			List<String> seen = new ArrayList<>(screens);
			if (token.equals("test-admin-token")) {
				seen.add("/ui/rejects/replay?status=");
			}
			for (String screen : seen) {
				HttpResponse<String> page = browser.get(screen);
				assertThat(page.statusCode()).as(token + " " + screen).isEqualTo(200);
				search(token + " screen " + screen, page.headers().map() + "\n" + page.body());
			}
		}
	}

	/** Every column of every table, binary ones read as UTF-8. */
	private void searchTheDatabase() {
		List<String> tables = jdbc.queryForList(
				"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'",
				String.class);
		assertThat(tables).extracting(String::toLowerCase)
			.contains("outbox", "delivery_attempt", "reject", "held", "audit", "inbound_key");
		Map<String, Integer> rows = new LinkedHashMap<>();
		for (String table : tables) {
			jdbc.query("SELECT * FROM \"" + table + "\"", rs -> {
				ResultSetMetaData columns = rs.getMetaData();
				for (int i = 1; i <= columns.getColumnCount(); i++) {
					int type = columns.getColumnType(i);
					boolean binary = type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY
							|| type == Types.LONGVARBINARY;
					byte[] bytes = binary ? rs.getBytes(i) : null;
					String value = binary ? (bytes == null ? null : new String(bytes, StandardCharsets.UTF_8))
							: rs.getString(i);
					if (value != null) {
						search("table " + table + "." + columns.getColumnName(i), value);
					}
				}
				rows.merge(table.toLowerCase(), 1, Integer::sum);
			});
		}
		assertThat(rows).as("rows read").containsKeys("outbox", "delivery_attempt", "reject", "held", "audit");
	}

	private void searchTheActuator() {
		for (String path : new String[] { "/actuator", "/actuator/prometheus", "/actuator/health",
				"/actuator/health/liveness", "/actuator/health/readiness", "/actuator/info" }) {
			HttpResponse<String> answer = get(path, null);
			assertThat(answer.statusCode()).as(path).isEqualTo(200);
			search(path, answer.body());
		}
		assertThat(get("/actuator/prometheus", null).body()).as("the scrape has Handoff's own series")
			.contains("handoff_delivery");
	}

	/**
	 * The whole output since before the service started: the log lines of start, sends,
	 * retries and give-ups among it.
	 */
	private void searchTheLog(CapturedOutput output) {
		String log = output.getAll();
		assertThat(log).as("the capture began before the service started").contains("Started SecretCanaryTest");
		assertThat(log).as("retries and give-ups were logged").contains("failed (", "gave up after");
		log.lines().forEach(line -> search("log", line));
	}

	/**
	 * The answer to a request that changes something: searched like any other, headers
	 * too.
	 */
	private HttpResponse<String> answered(HttpResponse<String> response) {
		search("answer to " + response.request().method() + " " + response.uri().getPath(),
				response.headers().map() + "\n" + response.body());
		return response;
	}

	/**
	 * Records every form of the canary the text holds, with a little of what surrounds
	 * it.
	 */
	private void search(String where, String text) {
		for (String form : FORMS) {
			int at = text.indexOf(form);
			if (at >= 0) {
				String around = text.substring(Math.max(0, at - 60), Math.min(text.length(), at + form.length() + 60));
				leaks.add(where + " holds " + form + " in …" + around.replace('\n', ' ') + "…");
			}
		}
	}

	private static List<String> forms() {
		Set<String> forms = new LinkedHashSet<>();
		forms.add(CANARY);
		for (String secret : List.of(MAILCHIMP_KEY, WP_PASSWORD, SEGMENT_WRITE_KEY, BEARER, CLIENT_SECRET, ACCESS_TOKEN,
				QUERY_KEY, HEADER_KEY, SIGNING_SECRET, INBOUND_SECRET, WEBHOOK_PATH)) {
			forms.add(secret);
			forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
		}
		for (String basic : List.of(basic("anystring", MAILCHIMP_KEY), basic(WP_USER, WP_PASSWORD),
				basic(SEGMENT_WRITE_KEY, ""),
				basic(CLIENT_ID, URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8)))) {
			forms.add(basic.substring("Basic ".length()));
		}
		forms.add(SIGNING_SECRET.substring("whsec_".length()));
		forms.add(INBOUND_SECRET.substring("whsec_".length()));
		forms.addAll(inAnyBase64(CANARY));
		return List.copyOf(forms);
	}

	/**
	 * What the canary looks like inside the base64 of any longer text (a Basic pair, a
	 * whsec_ key): for each of the three places it can start within a 3-byte group, the
	 * characters that encode its bytes alone. Both alphabets.
	 */
	private static List<String> inAnyBase64(String value) {
		List<String> forms = new ArrayList<>();
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		for (int shift = 0; shift < 3; shift++) {
			byte[] shifted = new byte[shift + bytes.length];
			System.arraycopy(bytes, 0, shifted, shift, bytes.length);
			String encoded = Base64.getEncoder().encodeToString(shifted);
			// the first group holds the filler when shifted; the last incomplete one
			// holds whatever follows the canary
			String pure = encoded.substring(shift == 0 ? 0 : 4, 4 * (shifted.length / 3));
			forms.add(pure);
			forms.add(pure.replace('+', '-').replace('/', '_'));
		}
		return forms;
	}

	private void accepted(String edge, JsonNode message) {
		HttpResponse<String> response = answered(send(edge, bytes(message)));
		assertThat(response.statusCode()).as(edge + ": " + response.body()).isEqualTo(202);
	}

	/**
	 * Sends to the edge that needs Standard Webhooks signatures, signed with its secret.
	 */
	private void signedTo(String edge, JsonNode message) {
		byte[] body = bytes(message);
		String id = "msg_" + message.get("messageId").asText() + "_" + System.nanoTime();
		long now = Instant.now().getEpochSecond();
		HttpResponse<String> response = answered(send(edge, body,
				Map.of("Content-Type", "application/json", "webhook-id", id, "webhook-timestamp", Long.toString(now),
						"webhook-signature", WebhookSignature.sign(INBOUND_SECRET, id, now, body))));
		assertThat(response.statusCode()).as(edge + ": " + response.body()).isEqualTo(202);
	}

	private void approve(String held) {
		HttpResponse<String> approved = answered(postApi("/api/held/" + held + "/approve", "test-approver-token",
				"{\"comment\": \"APR in the footer\"}"));
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
	}

	private static ObjectNode click(String messageId) {
		return ((ObjectNode) example("tracking-event", "01-good-click.json").deepCopy()).put("messageId", messageId);
	}

	private static ObjectNode batchOf(JsonNode event) {
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("batch").add(event);
		return batch;
	}

	/** Waits, generously, until no message waits in the outbox for a send or a retry. */
	private void awaitNothingPending() {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(
					jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE status = 'pending'", Integer.class))
				.isZero());
	}

	private List<Map<String, String>> deliveryRejects() {
		return jdbc.query(
				"SELECT r.id, r.edge FROM reject r WHERE r.outbox_id IS NOT NULL AND r.status = 'open' ORDER BY r.seq",
				(rs, i) -> Map.of("id", rs.getString(1), "edge", rs.getString(2)));
	}

	private List<LoggedRequest> requests(String path) {
		return tools.findAll(anyRequestedFor(urlPathMatching(path)));
	}

	static String basic(String user, String password) {
		return "Basic " + base64(user + ":" + password);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A person's browser: signs in with a review token on the form, keeps the session
	 * cookie, follows no redirects.
	 */
	private static final class Browser {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final String base;

		Browser(int port, String token) {
			this.base = "http://localhost:" + port;
			Matcher csrf = CSRF.matcher(get("/ui/login").body());
			assertThat(csrf.find()).as("the sign-in form has a form token").isTrue();
			HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/ui/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("token=" + token + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
				.build());
			assertThat(signedIn.statusCode()).as("signing in with " + token).isEqualTo(302);
		}

		HttpResponse<String> get(String path) {
			return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
		}

		private HttpResponse<String> send(HttpRequest request) {
			try {
				return http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException e) {
				throw new AssertionError(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}

	}

}
