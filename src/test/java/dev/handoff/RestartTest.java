package dev.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Truth, rejects and undelivered outbox entries survive a restart of the service on the
 * same data folder.
 */
class RestartTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path data;

	private WireMockServer emailTool;

	@BeforeEach
	void startTheEmailTool() {
		emailTool = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		emailTool.start();
		// Mailchimp: the campaign made (its id answered), then its content set
		emailTool.stubFor(post(urlPathEqualTo("/email/3.0/campaigns")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"42694e9e57\"}")));
		emailTool.stubFor(
				put(urlPathEqualTo("/email/3.0/campaigns/42694e9e57/content")).willReturn(aResponse().withStatus(200)));
	}

	@AfterEach
	void stopTheEmailTool() {
		emailTool.stop();
	}

	@Test
	void keepsTruthRejectsAndUndeliveredMessagesAcrossARestart() throws Exception {
		String accepted;
		String rejected;
		try (ConfigurableApplicationContext first = start(false)) {
			sendTo(first, "brief-approved", example("brief-approved", "01-approved-brief.json"));
			sendTo(first, "brief-approved", example("brief-approved", "02-late-change-of-landing-url.json"));
			accepted = sendTo(first, "email-campaign", example("email-campaign", "01-good-campaign.json")).get("id")
				.asText();
			ObjectNode stale = (ObjectNode) example("email-campaign", "01-good-campaign.json");
			((ObjectNode) stale.get("handoff")).put("brief_version", 1);
			rejected = sendTo(first, "email-campaign", stale).get("id").asText();
		}
		assertThat(emailTool.findAll(anyRequestedFor(anyUrl()))).as("delivery was off in the first run").isEmpty();

		try (ConfigurableApplicationContext second = start(true)) {
			assertThat(get(second, "/api/truth/C-1001").get("version").asLong()).isEqualTo(2);
			JsonNode reject = get(second, "/api/rejects/" + rejected);
			assertThat(reject.get("violations").get(0).get("rule").asText()).isEqualTo("stale-version");
			await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(second, accepted)));
			assertThat(emailTool.findAll(anyRequestedFor(anyUrl()))).as("Mailchimp's two calls")
				.hasSize(2)
				.extracting(r -> r.getHeader("Idempotency-Key"))
				.containsOnly(accepted);
		}
	}

	private static String status(ConfigurableApplicationContext app, String id) {
		return app.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
			.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

	private ConfigurableApplicationContext start(boolean deliver) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--HANDOFF_DATA_DIR=" + data,
				"--handoff.delivery.private-targets=allow", "--handoff.tools.cms-url=http://localhost:9/cms",
				"--handoff.tools.email-url=" + emailTool.baseUrl() + "/email",
				"--handoff.tools.tracking-url=http://localhost:9/tracking", "--handoff.delivery.enabled=" + deliver,
				"--handoff.delivery.poll-interval=100ms", "--handoff.access.tokens[0].name=test",
				"--handoff.access.tokens[0].role=viewer",
				"--handoff.access.tokens[0].sha256=04afacc947b28c94e15578a9db68c1d1bf775b3ff82bc88e31d4465f26bc0b42"));
		args.addAll(Senders.arguments());
		return new SpringApplicationBuilder(HandoffApplication.class).run(args.toArray(String[]::new));
	}

	private JsonNode sendTo(ConfigurableApplicationContext app, String edge, JsonNode message) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(app, "/edges/" + edge))
			.header("Content-Type", "application/json")
			.header("Authorization", Senders.authorization(edge))
			.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(message)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isIn(202, 422);
		return JSON.readTree(response.body());
	}

	private JsonNode get(ConfigurableApplicationContext app, String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(app, path))
			.header("Authorization", "Bearer test-viewer-token")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static URI uri(ConfigurableApplicationContext app, String path) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return URI.create("http://localhost:" + port + path);
	}

	private static JsonNode example(String edge, String file) throws IOException {
		return JSON.readTree(Path.of("contracts/examples", edge, file).toFile()).get("message");
	}

}
