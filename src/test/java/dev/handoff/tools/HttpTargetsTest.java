package dev.handoff.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An http target without a delivery route of its own: the method comes from
 * {@code method=}, the path may name parts of the message ({@code {/messageId}}), and a
 * target that remembers what the tool made updates it with {@code update=}.
 */
class HttpTargetsTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void putAndPatchRoutes(DynamicPropertyRegistry registry) throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		TestFiles.replace(routes.resolve("tracking-event.yaml"), "deliverTo={{handoff.tools.tracking-url}}/v1/track",
				"deliverTo={{handoff.tools.tracking-url}}/v1/events/{/messageId}&method=PUT");
		TestFiles.replace(routes.resolve("cms-landing-page.yaml"), "&remember=/id&update=POST",
				"&remember=/id&update=PATCH");
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
	}

	@Test
	void putsEachEventToAPathBuiltFromItsMessageId() {
		tools.stubFor(put(urlPathEqualTo("/tracking/v1/events/evt-5f1c2a")).willReturn(aResponse().withStatus(204)));
		briefsApproved();
		HttpResponse<String> answer = send("tracking-event", bytes(example("tracking-event", "01-good-click.json")));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> !tools.findAll(putRequestedFor(urlPathEqualTo("/tracking/v1/events/evt-5f1c2a"))).isEmpty());
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")))).isEmpty();
		String id = json(answer).get("id").asText();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "delivered"
				.equals(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id)));
	}

	@Test
	void refusesAnEventWithoutThePartOfTheAddressItIsSentTo() throws IOException {
		briefsApproved();
		ObjectNode event = (ObjectNode) example("tracking-event", "01-good-click.json");
		event.remove("messageId");
		HttpResponse<String> answer = send("tracking-event", bytes(event));

		// refused where the sender hears of it, not a 500 and not a row that can go
		// nowhere
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		JsonNode violation = json(answer).get("violations").get(0);
		assertThat(violation.get("pointer").asText()).isEqualTo("/messageId");
		assertThat(violation.get("rule").asText()).isEqualTo("target-part");
		assertThat(violation.get("message").asText()).contains("built from /messageId", "does not have");
		String id = json(answer).get("id").asText();
		assertThat(jdbc.queryForObject("SELECT status FROM reject WHERE id = ?", String.class, id)).isEqualTo("open");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE edge = 'tracking-event'", Integer.class))
			.isZero();
		assertThat(tools.findAll(anyRequestedFor(urlPathMatching("/tracking/.*")))).isEmpty();
	}

	@Test
	void patchesThePageItCreatedForTheCampaign() throws IOException {
		tools.stubFor(post(urlPathEqualTo("/cms/wp-json/wp/v2/pages")).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"page/7\"}")));
		tools.stubFor(
				patch(urlPathEqualTo("/cms/wp-json/wp/v2/pages/page%2F7")).willReturn(aResponse().withStatus(200)));
		briefsApproved();
		JsonNode page = example("cms-landing-page", "01-good-page.json");
		String first = json(send("cms-landing-page", bytes(page))).get("id").asText();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> "delivered"
				.equals(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, first)));
		String second = json(send("cms-landing-page", bytes(page))).get("id").asText();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> "delivered"
				.equals(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, second)));

		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/cms/wp-json/wp/v2/pages")))).hasSize(1);
		assertThat(tools.findAll(patchRequestedFor(urlPathEqualTo("/cms/wp-json/wp/v2/pages/page%2F7"))))
			.singleElement()
			.satisfies(r -> assertThat(JSON.readTree(r.getBody()).get("slug").asText()).isEqualTo("spring-sale-2027"));
	}

}
