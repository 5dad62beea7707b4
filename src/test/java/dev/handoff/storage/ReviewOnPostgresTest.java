package dev.handoff.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The review API's own SQL on PostgreSQL: filters, causes and their triage,
 * edit-and-replay, discard, the audit trail.
 */
class ReviewOnPostgresTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

	private String typedMedium(String messageId) {
		ObjectNode event = example("tracking-event", "02-typed-medium.json").deepCopy();
		event.put("messageId", messageId);
		HttpResponse<String> answer = send("tracking-event", bytes(event));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		return json(answer).get("id").asText();
	}

	@Test
	void triagesEditsReplaysAndDiscardsWithEveryActionAudited() {
		briefsApproved();
		String fixed = typedMedium("pg-1");
		String dropped = typedMedium("pg-2");
		JsonNode queue = json(
				get("/api/rejects?rule=generated-mismatch&since=2000-01-01T00:00:00Z&size=1", "test-viewer-token"));
		assertThat(queue.get("total").asInt()).isEqualTo(2);
		assertThat(queue.at("/items/0/id").asText()).isEqualTo(dropped);

		String cause = json(get("/api/rejects/" + fixed)).at("/causes/0").asText();
		HttpResponse<String> ack = postApi("/api/causes/" + cause + "/state", "test-operator-token",
				"{\"state\":\"acknowledged\"}");
		assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
		assertThat(json(ack).get("state").asText()).isEqualTo("acknowledged");
		assertThat(json(ack).get("count").asInt()).isEqualTo(2);

		HttpResponse<String> replay = postApi("/api/rejects/" + fixed + "/replay", "test-operator-token",
				"application/json-patch+json",
				"[{\"op\":\"replace\",\"path\":\"/context/campaign/medium\",\"value\":\"email\"}]");
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
		assertThat(postApi("/api/rejects/" + dropped + "/discard", "test-operator-token", "{\"reason\":\"duplicate\"}")
			.statusCode()).isEqualTo(200);

		JsonNode resolved = json(get("/api/causes/" + cause, "test-viewer-token"));
		assertThat(resolved.get("state").asText()).isEqualTo("resolved");
		assertThat(resolved.get("stateChangedBy").asText()).as("it resolved itself").isEqualTo("handoff");
		JsonNode audit = json(get("/api/audit?size=10", "test-admin-token")).get("items");
		assertThat(audit.findValuesAsText("action")).contains("triage", "edit", "discard");
		assertThat(audit.findValuesAsText("actor")).containsOnly("test-operator");
	}

}
