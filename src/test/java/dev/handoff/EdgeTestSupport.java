package dev.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.handoff.api.AnswerRecorder;
import dev.handoff.api.ApiDocument;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeProperties;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.inbound.InboundSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The real service on a random port with the shipped contracts and routes, a fresh H2
 * file per test class, and WireMock standing in for the CMS, email platform and tracking
 * collector. Each shipped edge has its senders' credentials configured, and {@link #send}
 * presents them as the edge's real sender would; each tool takes only the credentials
 * Handoff is configured with ({@link ToolStandIns}). Every answer a test gets from the
 * review API or an edge, by any client, must be one the service's OpenAPI document
 * describes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // each class gets its own database and its own WireMock port
@Import(AnswerRecorder.Registration.class)
// the credentials each shipped edge's tool takes ({@link ToolStandIns}); here rather than
// with the dynamic settings so that a test may give an edge another kind of its own
@TestPropertySource(properties = { "handoff.delivery.edges.email-campaign.auth.kind=basic",
		"handoff.delivery.edges.email-campaign.auth.username=anystring",
		"handoff.delivery.edges.email-campaign.auth.password=" + ToolStandIns.MAILCHIMP_KEY,
		"handoff.delivery.edges.cms-landing-page.auth.kind=basic",
		"handoff.delivery.edges.cms-landing-page.auth.username=" + ToolStandIns.WP_USER,
		"handoff.delivery.edges.cms-landing-page.auth.password=" + ToolStandIns.WP_PASSWORD,
		"handoff.delivery.edges.tracking-event.auth.kind=basic",
		"handoff.delivery.edges.tracking-event.auth.username=" + ToolStandIns.SEGMENT_WRITE_KEY,
		"handoff.delivery.edges.tracking-batch.auth.kind=basic",
		"handoff.delivery.edges.tracking-batch.auth.username=" + ToolStandIns.SEGMENT_WRITE_KEY })
public abstract class EdgeTestSupport {

	@RegisterExtension
	protected static final WireMockExtension tools = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	protected static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** The brief tool's shared token: brief-approved is {@code inbound=bearer}. */
	protected static final String BRIEF_TOOL_TOKEN = Senders.BRIEF_TOOL_TOKEN;

	/**
	 * The campaign builder's shared token: cms-landing-page and email-campaign are
	 * {@code inbound=bearer}.
	 */
	protected static final String CAMPAIGN_BUILDER_TOKEN = Senders.CAMPAIGN_BUILDER_TOKEN;

	/**
	 * The Segment source's write key, the Basic user (no password) of tracking-event and
	 * tracking-batch ({@code inbound=basic}).
	 */
	protected static final String WRITE_KEY = Senders.WRITE_KEY;

	@Autowired
	private EdgeRegistry edgeRegistry;

	@Autowired
	private EdgeProperties edgeProperties;

	@Autowired
	private AnswerRecorder answers;

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	@DynamicPropertySource
	static void toolsAndStorage(DynamicPropertyRegistry registry) throws IOException {
		Path data = Files.createTempDirectory("handoff-test-");
		registry.add("HANDOFF_DATA_DIR", data::toString);
		registry.add("handoff.tools.cms-url", () -> tools.baseUrl() + "/cms");
		registry.add("handoff.tools.email-url", () -> tools.baseUrl() + "/email");
		registry.add("handoff.tools.tracking-url", () -> tools.baseUrl() + "/tracking");
		settings().forEach((property, value) -> registry.add(property, () -> value));
	}

	/**
	 * The tests' settings besides storage and the tools' addresses: fast delivery
	 * retries, the review tokens (admin, viewer, operator, approver:
	 * {@code test-<role>-token}), each shipped edge's sender and the credentials its tool
	 * takes ({@link ToolStandIns}).
	 */
	public static Map<String, String> settings() {
		Map<String, String> settings = new java.util.LinkedHashMap<>();
		settings.put("handoff.delivery.poll-interval", "100ms");
		settings.put("handoff.delivery.private-targets", "allow");
		settings.put("handoff.access.tokens[0].name", "test-admin");
		settings.put("handoff.access.tokens[0].role", "admin");
		settings.put("handoff.access.tokens[0].sha256",
				"17d6bfe05d1b1fb7bc499f8e3f639c7b3eda4c40f321eef8887a0c04c89a99c5");
		settings.put("handoff.access.tokens[1].name", "test-viewer");
		settings.put("handoff.access.tokens[1].role", "viewer");
		settings.put("handoff.access.tokens[1].sha256",
				"04afacc947b28c94e15578a9db68c1d1bf775b3ff82bc88e31d4465f26bc0b42");
		settings.put("handoff.access.tokens[2].name", "test-operator");
		settings.put("handoff.access.tokens[2].role", "operator");
		settings.put("handoff.access.tokens[2].sha256",
				"21a41ec35ffe053418f5ebab652c9b4cb07a643a9100640d18b635e0df503928");
		settings.put("handoff.access.tokens[3].name", "test-approver");
		settings.put("handoff.access.tokens[3].role", "approver");
		settings.put("handoff.access.tokens[3].sha256",
				"408a4e2c74dec2e9f99685ad6963e20118c9e5b9fecef9b857b4bcc1fedad0c6");
		settings.put("handoff.delivery.retry-waits", "200ms,200ms,200ms,200ms");
		settings.putAll(Senders.settings());
		return settings;
	}

	@BeforeEach
	void toolsAnswerLikeTheRealOnes() {
		ToolStandIns.answerLikeTheRealOnes(tools);
	}

	/** Judged after each test, so that a mismatch fails the test that met it. */
	@AfterEach
	void everyAnswerIsOneTheDocumentDescribes() {
		List<AnswerRecorder.Answer> got = answers.drain();
		ApiDocument document = ApiDocument.of(get("/v3/api-docs", null).body());
		List<String> mismatches = got.stream().flatMap(answer -> document.mismatches(answer).stream()).toList();
		assertThat(mismatches).as("answers the OpenAPI document at /v3/api-docs does not describe").isEmpty();
	}

	/** Mailchimp's answer to {@code POST /3.0/campaigns}: the campaign it made, by id. */
	protected static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder mailchimpCreated() {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"42694e9e57\", \"type\": \"regular\", \"status\": \"save\"}");
	}

	protected HttpResponse<String> send(String edge, byte[] body) {
		return send(edge, body, Map.of("Content-Type", "application/json"));
	}

	/**
	 * A POST to the edge as its sender: with the credential its route asks for, unless
	 * the headers carry one of their own.
	 */
	protected HttpResponse<String> send(String edge, byte[] body, Map<String, String> headers) {
		Map<String, String> all = new HashMap<>();
		credentials(edge).forEach((name, value) -> {
			if (headers.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
				all.put(name, value);
			}
		});
		all.putAll(headers);
		return sendWithoutCredentials(edge, body, all);
	}

	/**
	 * A POST of JSON to the edge with no credential: what anyone who can reach it can
	 * send.
	 */
	protected HttpResponse<String> sendWithoutCredentials(String edge, byte[] body) {
		return sendWithoutCredentials(edge, body, Map.of("Content-Type", "application/json"));
	}

	/** A POST to the edge, at the path its route serves, with exactly these headers. */
	protected HttpResponse<String> sendWithoutCredentials(String edge, byte[] body, Map<String, String> headers) {
		return sendTo(edgeRegistry.find(edge).map(Edge::path).orElse("/edges/" + edge), body, headers);
	}

	/** A POST to a path with exactly these headers. */
	protected HttpResponse<String> sendTo(String path, byte[] body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		return exchange(request.build());
	}

	/**
	 * The headers that prove the edge's sender, from the kind its route names and the
	 * first credential configured for it; none for an open edge, and none for a signed
	 * one, whose tests sign what they send.
	 */
	protected Map<String, String> credentials(String edge) {
		Edge served = edgeRegistry.find(edge).orElse(null);
		InboundSettings settings = edgeProperties.inbound().get(edge);
		if (served == null || served.inbound() == null || settings == null) {
			return Map.of();
		}
		return switch (served.inbound()) {
			case basic -> Map.of("Authorization", Senders.basic(settings.username(),
					settings.passwords().isEmpty() ? "" : settings.passwords().get(0)));
			case bearer -> Map.of("Authorization", "Bearer " + settings.tokens().get(0));
			case api_key -> Map.of(settings.header(), settings.tokens().get(0));
			case segment -> Map.of("Authorization", Senders.basic(settings.tokens().get(0), ""));
			case open, standard_webhooks, hmac -> Map.of();
		};
	}

	/** A downstream example message from contracts/examples. */
	protected static JsonNode example(String edge, String file) {
		try {
			return JSON.readTree(Path.of("contracts/examples", edge, file).toFile()).get("message");
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/**
	 * Establishes campaign C-1001 at version 2 (landing URL changed late), as the shipped
	 * examples expect.
	 */
	protected void briefsApproved() {
		briefsApproved("C-1001");
	}

	/**
	 * The shipped brief's versions 1 and 2 for a campaign of the caller's own, so tests
	 * need not share one campaign's state.
	 */
	protected void briefsApproved(String campaign) {
		for (String file : new String[] { "01-approved-brief.json", "02-late-change-of-landing-url.json" }) {
			JsonNode brief = example("brief-approved", file);
			((com.fasterxml.jackson.databind.node.ObjectNode) brief.get("fields")).put("campaign_id", campaign);
			HttpResponse<String> response = send("brief-approved", bytes(brief));
			org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		}
	}

	/** A review API call as an admin. */
	protected HttpResponse<String> get(String path) {
		return get(path, "test-admin-token");
	}

	/** A call with the given bearer token, or none when it is null. */
	protected HttpResponse<String> get(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return exchange(request.build());
	}

	/** A POST with the given bearer token (none when null) and body (none when null). */
	protected HttpResponse<String> postApi(String path, String token, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return exchange(request.build());
	}

	/** A POST of a JSON body (or none) as the given token. */
	protected HttpResponse<String> postApi(String path, String token, String json) {
		return postApi(path, token, json == null ? null : "application/json", json);
	}

	protected static JsonNode json(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body());
		}
		catch (IOException e) {
			throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
		}
	}

	protected static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	protected static byte[] bytes(JsonNode json) {
		try {
			return JSON.writeValueAsBytes(json);
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/** The payload column of a stored reject, read straight from the database. */
	protected byte[] storedPayload(String rejectId) {
		return jdbc.queryForObject("SELECT payload FROM reject WHERE id = ?", byte[].class, rejectId);
	}

	private static HttpResponse<String> exchange(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
