package dev.handoff.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The README's walkthrough in demo mode: the demo's own WireMock answers as the tools and shows what it received. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
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
	}

	private HttpResponse<String> post(String edge, String file) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/" + edge))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofFile(Path.of("demo", file)));
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void walksThroughTheReadme() throws Exception {
		assertThat(post("brief-approved", "brief-v1.json").statusCode()).isEqualTo(202);
		assertThat(post("brief-approved", "brief-v2-late-change.json").statusCode()).isEqualTo(202);
		assertThat(post("email-campaign", "email-good.json").statusCode()).isEqualTo(202);
		assertThat(post("email-campaign", "email-stale.json").statusCode()).isEqualTo(422);
		assertThat(post("email-campaign", "email-typed-utm.json").statusCode()).isEqualTo(422);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(demoTools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns")))).hasSize(1));
		assertThat(new ObjectMapper().readTree(demoTools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))).get(0).getBody())
			.at("/tracking/google_analytics").asText()).isEqualTo("spring-sale-2027-c-1001");
		HttpResponse<String> rejects = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/rejects"))
			.header("Authorization", "Bearer demo-admin-token").GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rejects.statusCode()).isEqualTo(200);
		assertThat(new ObjectMapper().readTree(rejects.body()).get("total").asInt()).isEqualTo(2);

		HttpResponse<String> held = post("email-campaign", "email-regulated-offer.json");
		assertThat(held.statusCode()).isEqualTo(202);
		String id = new ObjectMapper().readTree(held.body()).get("id").asText();
		HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
				+ "/api/held/" + id + "/approve")).header("Authorization", "Bearer demo-admin-token").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"comment\": \"Representative APR is in the footer\"}")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(approved.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(demoTools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns")))).hasSize(2));
	}
}
