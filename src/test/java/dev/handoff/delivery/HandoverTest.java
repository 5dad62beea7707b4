package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message accepted on this instance is handed to its dispatcher in memory when its
 * transaction commits, so it is sent without being claimed from the database; rows the
 * hand-over has no room for wait in the database and are claimed there. The poll is an
 * hour here, so that the database is looked at only at the start and when nudged, and two
 * places in the hand-over (the batch size) make it easy to fill.
 */
@TestPropertySource(properties = { "handoff.delivery.poll-interval=1h", "handoff.delivery.batch-size=2" })
class HandoverTest extends EdgeTestSupport {

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private Dispatcher dispatcher;

	@Autowired
	private TransactionTemplate transactions;

	@BeforeEach
	void campaignsHaveTheirTruth() {
		briefsApproved();
	}

	@Test
	void aMessageAcceptedHereIsSentFromMemoryWithoutWaitingForAPoll() {
		Map<String, Double> before = taken();

		String id = accept("handover-1");

		await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(status(id)));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track"))))
			.extracting(r -> r.getHeader("Idempotency-Key"))
			.containsExactly(id);
		assertThat(taken().get("memory") - before.get("memory")).isEqualTo(1);
		assertThat(taken().get("database")).as("nothing was claimed from the database")
			.isEqualTo(before.get("database"));
		assertThat(jdbc.queryForObject("SELECT lease_until FROM outbox WHERE id = ?", Object.class, id))
			.as("its outcome let go of the lease")
			.isNull();
	}

	@Test
	void aRowWhoseTransactionRollsBackIsNeitherStoredNorSentAndGivesItsPlaceBack() {
		// more rollbacks than the hand-over has places: a place kept by a rolled-back row
		// would leave no room for the message below, which would then wait in the
		// database
		List<String> rolledBack = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList();
		for (String id : rolledBack) {
			transactions.executeWithoutResult(tx -> {
				dispatcher.store(OutboxEntry.pending(id, "tracking-event", "tracking-event", "0".repeat(64), "C-1001",
						null, tools.baseUrl() + "/tracking/v1/track", bytes("{\"rolled\":\"back\"}")));
				tx.setRollbackOnly();
			});
		}
		Map<String, Double> before = taken();

		String id = accept("handover-2");

		await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(status(id)));
		assertThat(taken().get("memory") - before.get("memory")).isEqualTo(1);
		assertThat(taken().get("database")).isEqualTo(before.get("database"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track"))))
			.extracting(r -> r.getHeader("Idempotency-Key"))
			.containsExactly(id);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE id IN (?, ?, ?, ?, ?)", Integer.class,
				rolledBack.toArray()))
			.isZero();
	}

	@Test
	void messagesTheHandoverHasNoRoomForWaitInTheDatabaseAndAreClaimedThere() {
		// a slow tool keeps the dispatcher busy, so the two places fill and stay full
		tools.stubFor(
				post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200).withFixedDelay(300)));
		Map<String, Double> before = taken();

		List<String> ids = IntStream.range(0, 12)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> accept("handover-many-" + i)))
			.toList()
			.stream()
			.map(CompletableFuture::join)
			.toList();

		await().atMost(Duration.ofSeconds(60))
			.until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM outbox WHERE status = 'delivered' AND id IN ("
							+ String.join(",", ids.stream().map(id -> "'" + id + "'").toList()) + ")",
					Integer.class) == 12);
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track"))))
			.extracting(r -> r.getHeader("Idempotency-Key"))
			.as("each sent once")
			.containsExactlyInAnyOrderElementsOf(ids);
		double fromMemory = taken().get("memory") - before.get("memory");
		double fromDatabase = taken().get("database") - before.get("database");
		assertThat(fromMemory + fromDatabase).isEqualTo(12);
		assertThat(fromDatabase).as("rows stored while the hand-over was full were claimed after a nudge").isPositive();
		assertThat(fromMemory).isPositive();
	}

	private String accept(String messageId) {
		ObjectNode event = (ObjectNode) example("tracking-event", "01-good-click.json");
		event.put("messageId", messageId);
		var answer = send("tracking-event", bytes(event));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		return json(answer).get("id").asText();
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

	/** {@code handoff.delivery.taken} by source, 0 for one not counted yet. */
	private Map<String, Double> taken() {
		Map<String, Double> counts = new HashMap<>(Map.of("memory", 0.0, "database", 0.0));
		meters.find("handoff.delivery.taken")
			.counters()
			.forEach(c -> counts.merge(c.getId().getTag("from"), c.count(), Double::sum));
		return counts;
	}

}
