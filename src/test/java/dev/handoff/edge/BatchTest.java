package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Segment-style batches: each event judged on its own; one bad event never holds back or
 * throws away the rest.
 */
public class BatchTest extends EdgeTestSupport {

	private JsonNode event;

	@BeforeEach
	void truth() {
		briefsApproved();
		event = example("tracking-event", "01-good-click.json");
	}

	private ObjectNode batch(JsonNode... events) {
		ObjectNode batch = JSON.createObjectNode();
		ArrayNode list = batch.putArray("batch");
		for (JsonNode e : events) {
			list.add(e);
		}
		return batch;
	}

	private ObjectNode numbered(int n) {
		ObjectNode copy = event.deepCopy();
		copy.put("messageId", "batch-" + n);
		return copy;
	}

	@Test
	void sendsTheGoodEventsOnTogetherAndRejectsEachBadOneWithItsIndex() throws IOException {
		ObjectNode typedMedium = numbered(1);
		typedMedium.with("context").putObject("campaign").put("medium", "Email");
		ObjectNode noProperties = numbered(3);
		noProperties.remove("properties");
		HttpResponse<String> response = send("tracking-batch",
				bytes(batch(numbered(0), typedMedium, numbered(2), noProperties, numbered(4))));

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode answer = json(response);
		assertThat(answer.get("outcome").asText()).isEqualTo("partly accepted");
		assertThat(answer.get("accepted").asInt()).isEqualTo(3);
		assertThat(answer.get("rejected")).extracting(r -> r.get("index").asInt()).containsExactly(1, 3);
		JsonNode first = answer.get("rejected").get(0);
		assertThat(first.get("violations").get(0).get("pointer").asText())
			.isEqualTo("/batch/1/context/campaign/medium");
		assertThat(first.get("violations").get(0).get("rule").asText()).isEqualTo("generated-mismatch");
		JsonNode stored = json(get("/api/rejects/" + first.get("id").asText()));
		assertThat(JSON.readTree(storedPayload(first.get("id").asText()))).isEqualTo(typedMedium);
		assertThat(stored.get("edge").asText()).isEqualTo("tracking-batch");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")))).hasSize(1));
		JsonNode received = JSON
			.readTree(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch"))).get(0).getBody());
		assertThat(received.get("batch")).extracting(e -> e.get("messageId").asText())
			.containsExactly("batch-0", "batch-2", "batch-4");
		assertThat(received.get("batch").get(0).at("/context/campaign/name").asText())
			.isEqualTo("spring-sale-2027-c-1001");
	}

	@Test
	void lets493Of500ThroughAndNamesEachOfTheSevenBadOnes() throws IOException {
		ObjectNode batch = JSON.createObjectNode();
		ArrayNode list = batch.putArray("batch");
		java.util.List<Integer> badAt = java.util.List.of(3, 50, 99, 250, 251, 400, 499);
		for (int i = 0; i < 500; i++) {
			ObjectNode e = numbered(i);
			if (badAt.contains(i)) {
				e.put("event", "Email Clicked");
			}
			list.add(e);
		}
		HttpResponse<String> response = send("tracking-batch", bytes(batch));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(json(response).get("accepted").asInt()).isEqualTo(493);
		assertThat(json(response).get("rejected")).extracting(r -> r.get("index").asInt())
			.containsExactlyElementsOf(badAt);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE edge = 'tracking-batch'", Integer.class))
			.isEqualTo(7);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")))).hasSize(1));
		JsonNode received = JSON
			.readTree(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch"))).get(0).getBody());
		assertThat(received.get("batch")).hasSize(493);
		assertThat(received.get("batch")).extracting(e -> e.get("messageId").asText())
			.doesNotContain("batch-3", "batch-499");
	}

	@Test
	void rejectsABatchWithNoGoodEventAndSendsNothing() throws InterruptedException {
		ObjectNode bad = numbered(0);
		bad.put("event", "Email Clicked");
		HttpResponse<String> response = send("tracking-batch", bytes(batch(bad)));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).get("id").isNull()).isTrue();
		assertThat(json(response).get("rejected")).hasSize(1);
		Thread.sleep(500);
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")))).isEmpty();
	}

	@Test
	void rejectsABodyThatIsNotABatchWhole() {
		HttpResponse<String> response = send("tracking-batch", bytes(event));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).get("violations").get(0).get("pointer").asText()).isEqualTo("/batch");
		assertThat(storedPayload(json(response).get("id").asText())).isEqualTo(bytes(event));
	}

}
