package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A tool down for a long stretch: thousands of messages wait in the outbox, and all go
 * out when it returns. The dispatcher holds at most one batch in memory; the heap figures
 * printed here include H2's page cache (64 MB by default) and are reported, not asserted,
 * since this JVM also runs WireMock.
 */
class BacklogTest extends EdgeTestSupport {

	private static final int MESSAGES = 3000;

	/**
	 * Short waits, and enough of them that no message runs out while the tool is down
	 * (sending the 3000 and the first wait below take up to a minute on a busy machine):
	 * the budget must not depend on how fast the dispatcher cycles.
	 */
	@DynamicPropertySource
	static void patient(DynamicPropertyRegistry registry) {
		registry.add("handoff.delivery.edges.tracking-event.retry-waits",
				() -> String.join(",", Collections.nCopies(150, "1s")));
	}

	@Test
	void deliversEverythingThatWaitedOnceTheToolIsBack() {
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(503)));
		briefsApproved();
		JsonNode event = example("tracking-event", "01-good-click.json");
		Set<String> accepted = new HashSet<>();
		long heapBefore = usedHeap();
		IntStream.range(0, MESSAGES).forEach(i -> {
			ObjectNode message = event.deepCopy();
			message.put("messageId", "backlog-" + i);
			accepted.add(json(send("tracking-event", bytes(message))).get("id").asText());
		});
		assertThat(accepted).hasSize(MESSAGES);
		// generous deadlines: this asserts that nothing is lost or doubled, not how fast
		// (bench/ measures speed)
		await().atMost(Duration.ofSeconds(150))
			.until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM outbox WHERE edge = 'tracking-event' AND status = 'pending' AND attempts >= 2",
					Integer.class) == MESSAGES);
		// WireMock shares this JVM and keeps every request it saw: forget those before
		// weighing Handoff
		tools.resetRequests();
		long heapWhileDown = usedHeap();
		System.out.printf(
				"backlog: %d messages waiting; used heap after GC %d MB before, %d MB while the tool was down%n",
				MESSAGES, heapBefore >> 20, heapWhileDown >> 20);

		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)));
		await().atMost(Duration.ofSeconds(180))
			.until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM outbox WHERE edge = 'tracking-event' AND status = 'delivered'",
					Integer.class) == MESSAGES);
		Set<String> delivered = new HashSet<>();
		tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")))
			.stream()
			.forEach(r -> delivered.add(r.getHeader("Idempotency-Key")));
		assertThat(delivered).containsAll(accepted);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE edge = 'tracking-event'", Integer.class))
			.isZero();
	}

	private static long usedHeap() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
