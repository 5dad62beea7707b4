package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.handoff.EdgeTestSupport;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An Airtable webhook's ping makes the poll happen now (the schedule here is an hour),
 * answered 204 before the poll has read anything; a ping not signed with the webhook's
 * MAC secret is refused and polls nothing.
 */
class BriefAirtablePingTest extends EdgeTestSupport {

	private static final String PING = "{\"base\":{\"id\":\"" + AirtableStandIn.BASE
			+ "\"},\"webhook\":{\"id\":\"achHandoffTest001\"}," + "\"timestamp\":\"2026-11-20T09:31:00.000Z\"}";

	private final AirtableStandIn airtable = new AirtableStandIn(tools.getRuntimeInfo().getWireMock());

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private CamelContext camel;

	@DynamicPropertySource
	static void airtable(DynamicPropertyRegistry registry) {
		AirtableStandIn.settings(tools.baseUrl()).forEach(setting -> {
			String[] pair = setting.split("=", 2);
			registry.add(pair[0], () -> pair[1]);
		});
		registry.add("handoff.airtable.interval", () -> "1h");
	}

	@Test
	void aSignedPingPollsNowAndIsAnsweredAtOnceAndAnUnsignedOneIsRefused() throws Exception {
		airtable.requireToken();
		// the schedule's first poll, a second after start, found nothing to read; the
		// next is an hour away
		await().atMost(Duration.ofSeconds(60))
			.until(() -> camel.getRoute("brief-airtable-schedule").getUptimeMillis() > 5000
					&& camel.getInflightRepository().size("brief-airtable-poll") == 0);
		tools.stubFor(AirtableStandIn.pageRequest(null)
			.willReturn(AirtableStandIn
				.pageAnswer(null,
						AirtableStandIn.record(AirtableStandIn.recordId("Png", 1), "C-2501", 1,
								"https://shop.example.com/c-2501"))
				.withFixedDelay(3000)));
		int before = airtable.requests().size();

		assertThat(ping(Map.of()).statusCode()).isEqualTo(401);
		HttpResponse<String> forged = ping(Map.of(AirtablePing.HEADER, "hmac-sha256=" + "0".repeat(64)));
		assertThat(forged.statusCode()).isEqualTo(401);
		assertThat(json(forged).get("detail").asText()).contains("X-Airtable-Content-MAC");
		// open to anyone, so not read past a limit, even when signed
		String large = "{\"pad\":\"" + "x".repeat(AirtablePing.MAX_BYTES) + "\"}";
		HttpResponse<String> tooLarge = ping(large, Map.of(AirtablePing.HEADER, AirtableStandIn.mac(large)));
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(json(tooLarge).get("detail").asText())
			.isEqualTo("an Airtable ping is at most 16384 bytes; nothing was done");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> airtable.requests().size() == before);

		HttpResponse<String> signed = ping(Map.of(AirtablePing.HEADER, AirtableStandIn.mac(PING)));
		assertThat(signed.statusCode()).isEqualTo(204);
		assertThat(get("/api/truth/C-2501").statusCode())
			.as("answered before the poll read the page (Airtable takes 3 s here)")
			.isEqualTo(404);
		await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/truth/C-2501").statusCode() == 200);
		assertThat(tools.findAll(WireMock.getRequestedFor(WireMock.urlPathEqualTo(AirtableStandIn.PATH))))
			.hasSize(before + 1);
	}

	private HttpResponse<String> ping(Map<String, String> headers) throws Exception {
		return ping(PING, headers);
	}

	private HttpResponse<String> ping(String body, Map<String, String> headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/airtable"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
