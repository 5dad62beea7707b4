package dev.handoff;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The "Add an edge" section of docs/contracts.md (once the README's) works as written:
 * one contract, one route, one taxonomy line, the sender's token.
 */
class AddAnEdgeFromTheReadmeTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The campaign team's token for the new edge. */
	private static final String SOCIAL_TOKEN = "social-team-token";

	@TempDir
	Path dir;

	@Test
	void anEdgeAddedAsTheContractsPageShowsGuardsAndDelivers() throws Exception {
		String readme = section(Files.readString(Path.of("docs/contracts.md")), "## Add an edge");
		Path contracts = TestFiles.copy(Path.of("contracts"), dir.resolve("contracts"));
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		Files.writeString(contracts.resolve("social-post.schema.json"),
				block(readme, "`contracts/social-post.schema.json`", "json"));
		Files.writeString(routes.resolve("social-post.yaml"), block(readme, "`routes/social-post.yaml`", "yaml"));
		TestFiles.replace(contracts.resolve("taxonomy.json"), "\"channels\": {",
				"\"channels\": {\n    \"social\": {\"source\": \"buffer\", \"medium\": \"social\"},");
		assertThat(readme).as("the page names the setting of the new edge's token")
			.contains("`handoff.edges.inbound.social-post.tokens`");
		WireMockServer scheduler = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		scheduler.start();
		scheduler.stubFor(post(urlPathEqualTo("/posts")).willReturn(aResponse().withStatus(201)));
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--HANDOFF_DATA_DIR=" + dir.resolve("data"),
				"--HANDOFF_CONTRACTS_DIR=" + contracts, "--HANDOFF_ROUTES_DIR=" + routes,
				"--handoff.delivery.private-targets=allow", "--handoff.tools.cms-url=http://localhost:9",
				"--handoff.tools.email-url=http://localhost:9", "--handoff.tools.tracking-url=http://localhost:9",
				"--handoff.tools.social-url=" + scheduler.baseUrl(),
				"--handoff.edges.inbound.social-post.tokens=" + SOCIAL_TOKEN));
		args.addAll(Senders.arguments());
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HandoffApplication.class)
			.run(args.toArray(String[]::new))) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			JsonNode brief = JSON.readTree(Path.of("demo/brief-v1.json").toFile());
			assertThat(send(port, "brief-approved", Senders.authorization("brief-approved"), brief.toString())
				.statusCode()).isEqualTo(202);
			assertThat(send(port, "social-post", null, "{}").statusCode()).as("no token, no entry").isEqualTo(401);

			HttpResponse<String> typed = send(port, "social-post", "Bearer " + SOCIAL_TOKEN,
					"{\"campaign_id\": \"C-1001\", \"brief_version\": 1, \"text\": \"Spring Sale!\", \"link\": \"https://shop.example.com/x\"}");
			assertThat(typed.statusCode()).isEqualTo(422);
			assertThat(JSON.readTree(typed.body()).get("violations").get(0).get("rule").asText())
				.isEqualTo("generated-mismatch");

			HttpResponse<String> good = send(port, "social-post", "Bearer " + SOCIAL_TOKEN,
					"{\"campaign_id\": \"C-1001\", \"brief_version\": 1, \"text\": \"Spring Sale!\"}");
			assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(scheduler.findAll(anyRequestedFor(anyUrl()))).hasSize(1));
			JsonNode received = JSON.readTree(scheduler.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString());
			assertThat(received.get("link").asText()).isEqualTo(
					"https://shop.example.com/spring-sale?utm_source=buffer&utm_medium=social&utm_campaign=spring-sale-2027-c-1001");
		}
		finally {
			scheduler.stop();
		}
	}

	/** The text of one section of a page, from its heading to the next of its level. */
	private static String section(String page, String heading) {
		int start = page.indexOf("\n" + heading + "\n");
		assertThat(start).as("docs/contracts.md has the section " + heading).isNotNegative();
		int end = page.indexOf("\n## ", start + heading.length() + 1);
		return end < 0 ? page.substring(start) : page.substring(start, end);
	}

	private static String block(String readme, String title, String language) {
		Matcher m = Pattern.compile(Pattern.quote(title) + "\\s*```" + language + "\\n(.*?)```", Pattern.DOTALL)
			.matcher(readme);
		assertThat(m.find()).as("Add an edge has a " + language + " block after " + title).isTrue();
		return m.group(1);
	}

	private static HttpResponse<String> send(int port, String edge, String authorization, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/" + edge))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
