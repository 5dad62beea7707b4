package dev.handoff.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's walkthrough in demo mode: the demo's own WireMock answers as the tools and
 * shows what it received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DemoModeTest {

	@LocalServerPort
	int port;

	@Autowired
	WireMockServer demoTools;

	@DynamicPropertySource
	static void freePorts(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			int tools = socket.getLocalPort();
			registry.add("HANDOFF_DEMO_TOOLS_PORT", () -> tools);
		}
		Path data = Files.createTempDirectory("handoff-demo-");
		registry.add("HANDOFF_DATA_DIR", data::toString);
		registry.add("HANDOFF_DEMO_TOKEN", () -> "demo-admin-token");
	}

	/**
	 * A POST as the README's walkthrough sends it, with the Authorization its curl line
	 * for the edge sends.
	 */
	private HttpResponse<String> post(String edge, String file) throws Exception {
		Matcher line = Pattern.compile("curl -s -XPOST localhost:8080/edges/" + edge + " -H 'Authorization: ([^']+)'")
			.matcher(Files.readString(Path.of("README.md")));
		assertThat(line.find()).as("the README's walkthrough posts to " + edge + " with its sender's credential")
			.isTrue();
		return post(edge, file, line.group(1));
	}

	private HttpResponse<String> post(String edge, String file, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/" + edge))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofFile(Path.of("demo", file)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void takesMessagesOnlyFromTheDemoSenders() throws Exception {
		assertThat(post("brief-approved", "brief-v1.json", null).statusCode()).isEqualTo(401);
		assertThat(post("email-campaign", "email-good.json", "Bearer demo-brief-tool-token").statusCode())
			.as("the brief tool's token does not open the campaign builder's edge")
			.isEqualTo(401);
		assertThat(post("tracking-event", "email-good.json",
				"Basic " + Base64.getEncoder().encodeToString("another-write-key:".getBytes(StandardCharsets.UTF_8)))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void printsItsAdminTokenAtStart(CapturedOutput output) {
		assertThat(output.getAll())
			.contains("Demo review token (role admin, from HANDOFF_DEMO_TOKEN): demo-admin-token");
	}

	@Test
	void walksThroughTheReadme() throws Exception {
		assertThat(post("brief-approved", "brief-v1.json").statusCode()).isEqualTo(202);
		assertThat(post("brief-approved", "brief-v2-late-change.json").statusCode()).isEqualTo(202);
		assertThat(post("email-campaign", "email-good.json").statusCode()).isEqualTo(202);
		assertThat(post("email-campaign", "email-stale.json").statusCode()).isEqualTo(422);
		assertThat(post("email-campaign", "email-typed-utm.json").statusCode()).isEqualTo(422);
		// 4. Mailchimp made the campaign (its stand-in requires the demo's API key) and
		// got the tagged HTML as its content
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(contentCalls()).hasSize(1));
		LoggedRequest created = demoTools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))).get(0);
		assertThat(new ObjectMapper().readTree(created.getBody()).at("/tracking/google_analytics").asText())
			.isEqualTo("spring-sale-2027-c-1001");
		assertThat(created.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
			.encodeToString("anystring:demo-mailchimp-key-us21".getBytes(StandardCharsets.UTF_8)));
		assertThat(new ObjectMapper().readTree(contentCalls().get(0).getBody()).get("html").asText()).contains(
				"https://shop.example.com/spring-sale-2027?utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-2027-c-1001");
		HttpResponse<String> rejects = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rejects"))
				.header("Authorization", "Bearer demo-admin-token")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rejects.statusCode()).isEqualTo(200);
		assertThat(new ObjectMapper().readTree(rejects.body()).get("total").asInt()).isEqualTo(2);

		// 8. the typed utm_campaign, fixed with a JSON Patch and sent on
		String typed = api("GET", "/api/rejects?rule=generated-mismatch", null, null).at("/items/0/id").asText();
		HttpResponse<String> replay = call("POST", "/api/rejects/" + typed + "/replay", "application/json-patch+json",
				"[{\"op\":\"remove\",\"path\":\"/tracking/google_analytics\"}]");
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(contentCalls()).hasSize(2));
		// 9. the stale one, discarded with a reason
		String stale = api("GET", "/api/rejects?rule=stale-version", null, null).at("/items/0/id").asText();
		HttpResponse<String> discard = call("POST", "/api/rejects/" + stale + "/discard", "application/json",
				"{\"reason\":\"built on brief v1; the team rebuilds it\"}");
		assertThat(discard.statusCode()).as(discard.body()).isEqualTo(200);
		assertThat(api("GET", "/api/rejects?status=open", null, null).get("total").asInt()).isZero();
		// 10. a regulated offer, held for legal review, approved and only then sent
		HttpResponse<String> held = post("email-campaign", "email-regulated-offer.json");
		assertThat(held.statusCode()).isEqualTo(202);
		String id = new ObjectMapper().readTree(held.body()).get("id").asText();
		assertThat(api("GET", "/api/held", null, null).at("/items/0/id").asText()).isEqualTo(id);
		assertThat(contentCalls()).hasSize(2);
		api("POST", "/api/held/" + id + "/approve", "application/json",
				"{\"comment\": \"Representative APR is in the footer\"}");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(contentCalls()).hasSize(3));
		// the campaign was made once; later versions set its content again
		assertThat(demoTools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns")))).hasSize(1);
		assertThat(demoTools.findAll(anyRequestedFor(anyUrl()))).as("every call carried the right credentials")
			.noneSatisfy(r -> assertThat(r.getHeader("Authorization")).isNull());
	}

	/** Mailchimp's content calls: one per email delivered. */
	private List<LoggedRequest> contentCalls() {
		return demoTools.findAll(putRequestedFor(urlPathEqualTo("/email/3.0/campaigns/42694e9e57/content")));
	}

	private HttpResponse<String> call(String method, String path, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer demo-admin-token")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private com.fasterxml.jackson.databind.JsonNode api(String method, String path, String contentType, String body)
			throws Exception {
		HttpResponse<String> answer = call(method, path, contentType, body);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return new ObjectMapper().readTree(answer.body());
	}

}
