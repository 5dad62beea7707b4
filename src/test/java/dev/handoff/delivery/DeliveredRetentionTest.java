package dev.handoff.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.contract.Poller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Delivered messages are deleted once older than {@code handoff.delivery.keep-delivered}
 * (90 days by default), with their attempts' history; what is not delivered, what a
 * reject names and what is recent stays, and the report reaches back no further.
 */
class DeliveredRetentionTest extends EdgeTestSupport {

	private static final String VIEWER = "test-viewer-token";

	@Autowired
	DeliveredRetention retention;

	@Autowired
	DeliveryProperties properties;

	@Autowired
	@Qualifier("deliveredRetentionPoller")
	Poller sweeps;

	@Test
	void deletesOnlyDeliveredMessagesOlderThanNinetyDaysThatNoRejectNames() {
		assertThat(properties.keepDelivered()).as("the default").isEqualTo(Duration.ofDays(90));
		assertThat(sweeps.isRunning()).as("with it, the sweep runs by itself").isTrue();
		briefsApproved("C-7301");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ObjectNode event = (ObjectNode) example("tracking-event", "01-good-click.json");
			event.put("messageId", "ret-" + i);
			ObjectNode properties = (ObjectNode) event.get("properties");
			properties.put("campaign_id", "C-7301");
			properties.put("link_url", properties.get("link_url").asText().replace("c-1001", "c-7301"));
			HttpResponse<String> answer = send("tracking-event", bytes(event));
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
			ids.add(json(answer).get("id").asText());
		}
		await().atMost(Duration.ofSeconds(15))
			.until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM outbox WHERE campaign = 'C-7301' AND status = 'delivered'",
					Integer.class) == 5);
		String oldA = ids.get(0);
		String oldB = ids.get(1);
		String named = ids.get(2);
		String waiting = ids.get(3);
		String recent = ids.get(4);
		Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(100)));
		Timestamp justInside = Timestamp.from(Instant.now().minus(Duration.ofDays(89)));
		for (String id : List.of(oldA, oldB, named)) {
			jdbc.update("UPDATE outbox SET created_at = ?, delivered_at = ? WHERE id = ?", longAgo, longAgo, id);
		}
		// stored long ago and still not delivered (a retry far off): not the retention's
		jdbc.update(
				"UPDATE outbox SET created_at = ?, status = 'pending', delivered_at = NULL, next_attempt_at = ? WHERE id = ?",
				longAgo, Timestamp.from(Instant.now().plus(Duration.ofDays(1))), waiting);
		jdbc.update("UPDATE outbox SET created_at = ?, delivered_at = ? WHERE id = ?", justInside, justInside, recent);
		// a delivery failure replayed later is delivered under its own row, which its
		// reject names
		HttpResponse<String> bad = send("tracking-event", bytes("{\"event\": 1}"));
		assertThat(bad.statusCode()).isEqualTo(422);
		jdbc.update("UPDATE reject SET outbox_id = ? WHERE id = ?", named, json(bad).get("id").asText());
		assertThat(attempts(oldA)).as("history before").isEqualTo(1);

		assertThat(retention.sweep()).isEqualTo(2);

		assertThat(jdbc.queryForList("SELECT id FROM outbox WHERE campaign = 'C-7301'", String.class))
			.containsExactlyInAnyOrder(named, waiting, recent);
		assertThat(attempts(oldA) + attempts(oldB)).as("their history goes with them").isZero();
		assertThat(attempts(named)).as("the named one keeps its history").isEqualTo(1);
		assertThat(retention.sweep()).as("nothing left to delete").isZero();
	}

	@Test
	void theReportStartsAtTheOldestDeliveryKept() {
		JsonNode report = json(get("/api/report?since=120d", VIEWER));
		Instant since = Instant.parse(report.get("since").asText());
		Instant ninetyDaysAgo = Instant.now().minus(Duration.ofDays(90));
		assertThat(Duration.between(since, ninetyDaysAgo).abs()).isLessThan(Duration.ofMinutes(5));
		assertThat(report.get("headline").asText())
			.startsWith("From " + since + " only: delivered messages are kept for 90 days.");

		assertThat(json(get("/api/report?since=30d", VIEWER)).get("headline").asText()).doesNotStartWith("From");

		HttpResponse<String> gone = get("/api/report?since=200d&until=100d", VIEWER);
		assertThat(gone.statusCode()).isEqualTo(400);
		assertThat(json(gone).get("detail").asText()).contains("kept for 90 days", "handoff.delivery.keep-delivered");
	}

	private int attempts(String id) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM delivery_attempt WHERE outbox_id = ?", Integer.class, id);
	}

}
