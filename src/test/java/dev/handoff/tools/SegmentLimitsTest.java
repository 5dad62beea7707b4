package dev.handoff.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Segment refuses an event over 32 KB and a batch over 500 KB with a 400 (its HTTP API
 * documentation), which the outbox could only turn into a delivery reject long after the
 * sender left. The shipped tracking routes say the limits, so a heavy event is refused at
 * the edge and a heavy batch goes on as several.
 */
class SegmentLimitsTest extends EdgeTestSupport {

	private static final int SEGMENT_EVENT = 32 * 1024;

	private static final int SEGMENT_BATCH = 500 * 1024;

	@Test
	void refusesAnEventHeavierThanSegmentTakesAndSendsNothing() {
		briefsApproved();
		HttpResponse<String> answer = send("tracking-event", bytes(event("heavy", 40_000)));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		JsonNode violation = json(answer).get("violations").get(0);
		assertThat(violation.get("rule").asText()).isEqualTo("too-large");
		assertThat(violation.get("expected").asInt()).isEqualTo(SEGMENT_EVENT);
		assertThat(violation.get("actual").asInt()).isGreaterThan(SEGMENT_EVENT);
		assertThat(violation.get("message").asText()).contains("the next tool takes at most 32768 bytes a message");
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")))).isEmpty();
	}

	@Test
	void rejectsTheHeavyEventOfABatchByItsIndexAndSendsTheRest() {
		briefsApproved();
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("batch").add(event("light-1", 100)).add(event("heavy", 40_000)).add(event("light-2", 100));
		HttpResponse<String> answer = send("tracking-batch", bytes(batch));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		assertThat(json(answer).get("outcome").asText()).isEqualTo("partly accepted");
		JsonNode rejected = json(answer).get("rejected");
		assertThat(rejected).singleElement().satisfies(r -> {
			assertThat(r.get("index").asInt()).isEqualTo(1);
			assertThat(r.at("/violations/0/rule").asText()).isEqualTo("too-large");
			assertThat(r.at("/violations/0/pointer").asText()).isEqualTo("/batch/1");
		});
		await().atMost(Duration.ofSeconds(15)).until(() -> !sentBatches().isEmpty());
		assertThat(messageIds(sentBatches())).containsExactly("light-1", "light-2");
	}

	@Test
	void sendsABatchHeavierThanSegmentTakesAsSeveralEachWithinItsLimit() throws IOException {
		briefsApproved();
		ObjectNode batch = JSON.createObjectNode();
		ArrayNode events = batch.putArray("batch");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ids.add("bulk-" + i);
			events.add(event("bulk-" + i, 20_000));
		}
		HttpResponse<String> answer = send("tracking-batch", bytes(batch));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		assertThat(json(answer).get("accepted").asInt()).isEqualTo(40);

		await().atMost(Duration.ofSeconds(15)).until(() -> messageIds(sentBatches()).size() == 40);
		List<LoggedRequest> sent = sentBatches();
		assertThat(sent).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(r -> assertThat(r.getBody().length).isLessThanOrEqualTo(SEGMENT_BATCH));
		assertThat(messageIds(sent)).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(sent).extracting(r -> r.getHeader("Idempotency-Key"))
			.doesNotHaveDuplicates()
			.contains(json(answer).get("id").asText());
	}

	private static ObjectNode event(String messageId, int padding) {
		ObjectNode event = (ObjectNode) example("tracking-event", "01-good-click.json").deepCopy();
		event.put("messageId", messageId);
		((ObjectNode) event.get("properties")).put("email_subject", "x".repeat(padding));
		return event;
	}

	private List<LoggedRequest> sentBatches() {
		return tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")));
	}

	private static List<String> messageIds(List<LoggedRequest> batches) {
		List<String> ids = new ArrayList<>();
		for (LoggedRequest request : batches) {
			try {
				JSON.readTree(request.getBody()).get("batch").forEach(e -> ids.add(e.get("messageId").asText()));
			}
			catch (IOException e) {
				throw new AssertionError(e);
			}
		}
		return ids;
	}

}
