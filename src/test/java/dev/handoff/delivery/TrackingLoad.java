package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.JarProcess;
import dev.handoff.Senders;

/**
 * Closed-loop senders of tracking events for the crash tests, and the delivery promise
 * checked against what the tool received: every message answered 2xx reaches the tool at
 * least once, under the key it was answered with, and no message answered otherwise
 * reaches it. Each message is marked by its messageId; every tenth breaks its contract.
 * Loads that share a tool count only the requests that carry their own marks.
 */
final class TrackingLoad {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final JsonNode event;

	private final String edge;

	private final String authorization;

	/** What every marker of this load starts with. */
	private final String mark;

	/**
	 * Marker of each message answered 2xx, with the id (the Idempotency-Key) it was
	 * answered with.
	 */
	final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	/** Markers of the messages answered otherwise. */
	final Set<String> refused = ConcurrentHashMap.newKeySet();

	final AtomicInteger sent = new AtomicInteger();

	/**
	 * Messages whose sender got no answer (killed mid-request, or not listening): the
	 * promise says nothing of them.
	 */
	final AtomicInteger unanswered = new AtomicInteger();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	/** Tracking events to the shipped tracking-event edge, as its sender. */
	TrackingLoad() throws IOException {
		this("tracking-event", Senders.authorization("tracking-event"), "");
	}

	/**
	 * Tracking events to this edge, with this {@code Authorization} value, every marker
	 * starting with {@code mark}.
	 */
	TrackingLoad(String edge, String authorization, String mark) throws IOException {
		this.edge = edge;
		this.authorization = authorization;
		this.mark = mark;
		event = JSON.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile()).get("message");
	}

	/**
	 * Starts senders to one instance, marking their messages {@code prefix + n}; each
	 * waits for its answer before the next.
	 */
	Running start(String prefix, int senders, JarProcess to) {
		Running running = new Running();
		for (int i = 0; i < senders; i++) {
			running.threads.execute(() -> {
				while (running.sending.get()) {
					int n = sent.incrementAndGet();
					String marker = mark + prefix + n;
					ObjectNode message = event.deepCopy();
					message.put("messageId", marker);
					if (n % 10 == 0) {
						message.putObject("context").putObject("campaign").put("medium", "Email");
					}
					send(to, message, marker);
				}
			});
		}
		return running;
	}

	/** Whether a message marked with this prefix was acknowledged. */
	boolean acknowledgedAny(String prefix) {
		return acknowledged.keySet().stream().anyMatch(m -> m.startsWith(mark + prefix));
	}

	/**
	 * One message, waiting for its answer: a sender never has more than one in flight, so
	 * a slow instance is never flooded.
	 */
	private void send(JarProcess to, JsonNode message, String marker) {
		try {
			HttpResponse<String> response = to.post(edge, authorization, JSON.writeValueAsBytes(message));
			if (response.statusCode() / 100 == 2) {
				acknowledged.put(marker, id(response));
			}
			else {
				refused.add(marker);
			}
		}
		catch (IOException e) {
			// killed mid-request or not listening yet: the sender cannot know the
			// outcome, so the test promises nothing for it
			unanswered.incrementAndGet();
			pause();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException | AssertionError e) {
			errors.add(marker + ": " + e);
		}
	}

	private static String id(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body()).get("id").asText();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/** How many messages marked with this prefix were acknowledged. */
	long acknowledgedCount(String prefix) {
		return acknowledged.keySet().stream().filter(m -> m.startsWith(mark + prefix)).count();
	}

	/** Whether every acknowledged message has reached the tool. */
	boolean allDelivered(WireMockServer tool) {
		return allDelivered(tool, "");
	}

	/**
	 * Whether every acknowledged message marked with this prefix has reached the tool.
	 */
	boolean allDelivered(WireMockServer tool, String prefix) {
		Set<String> received = receivedKeys(tool).keySet();
		return acknowledged.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith(mark + prefix))
			.allMatch(e -> received.contains(e.getValue()));
	}

	/**
	 * When each message sent more than once was last sent: a message goes out again when
	 * its sender died after the tool had it and before the outcome was written, once the
	 * lease on it has run out.
	 */
	List<Instant> repeats(WireMockServer tool) {
		Map<String, List<Instant>> byKey = new HashMap<>();
		requests(tool).forEach(r -> byKey.computeIfAbsent(r.getHeader("Idempotency-Key"), k -> new ArrayList<>())
			.add(r.getLoggedDate().toInstant()));
		return byKey.values()
			.stream()
			.filter(times -> times.size() > 1)
			.map(times -> times.stream().max(Instant::compareTo).get())
			.sorted()
			.toList();
	}

	/**
	 * How many acknowledged messages marked with this prefix first reached the tool after
	 * this moment.
	 */
	long firstDeliveredAfter(WireMockServer tool, String prefix, Instant moment) {
		Map<String, Instant> first = new HashMap<>();
		requests(tool).forEach(r -> first.merge(r.getHeader("Idempotency-Key"), r.getLoggedDate().toInstant(),
				(x, y) -> x.isBefore(y) ? x : y));
		return acknowledged.entrySet()
			.stream()
			.filter(e -> e.getKey().startsWith(mark + prefix))
			.filter(e -> first.containsKey(e.getValue()) && first.get(e.getValue()).isAfter(moment))
			.count();
	}

	/** How many acknowledged messages never reached the tool. */
	long lost(WireMockServer tool) {
		Map<String, Integer> byKey = receivedKeys(tool);
		return acknowledged.values().stream().filter(id -> !byKey.containsKey(id)).count();
	}

	/** The counts a crash test prints and writes, for the tool's requests so far. */
	String counts(WireMockServer tool) {
		Map<String, Integer> byKey = receivedKeys(tool);
		return String.format(
				"sent=%d acknowledged=%d refused=%d unanswered=%d delivered=%d requests=%d duplicates=%d lost=%d",
				sent.get(), acknowledged.size(), refused.size(), unanswered.get(), byKey.size(), requests(tool).size(),
				byKey.values().stream().mapToInt(c -> c - 1).sum(), lost(tool));
	}

	/** The promise, checked against every request the tool received. */
	void assertKept(WireMockServer tool) {
		List<LoggedRequest> requests = requests(tool);
		assertThat(errors).as("answers not understood, the first: %s", errors.isEmpty() ? "" : errors.get(0)).isEmpty();
		assertThat(lost(tool)).as("acknowledged messages that never reached the tool").isZero();
		assertThat(refused).as("every tenth message breaks its contract").isNotEmpty();
		Set<String> received = requests.stream().map(TrackingLoad::marker).collect(Collectors.toSet());
		assertThat(received.stream().filter(refused::contains).count())
			.as("messages answered non-2xx that reached the tool")
			.isZero();
		// a message nobody heard the answer to may arrive too; an acknowledged one only
		// under the key it was answered with
		assertThat(requests.stream().filter(r -> {
			String id = acknowledged.get(marker(r));
			return id != null && !id.equals(r.getHeader("Idempotency-Key"));
		}).count()).as("deliveries under another key than their message was acknowledged with").isZero();
	}

	/** The requests the tool received that carry this load's marks. */
	private List<LoggedRequest> requests(WireMockServer tool) {
		return tool.findAll(anyRequestedFor(anyUrl())).stream().filter(r -> marker(r).startsWith(mark)).toList();
	}

	private Map<String, Integer> receivedKeys(WireMockServer tool) {
		Map<String, Integer> byKey = new HashMap<>();
		requests(tool).forEach(r -> byKey.merge(r.getHeader("Idempotency-Key"), 1, Integer::sum));
		return byKey;
	}

	private static String marker(LoggedRequest request) {
		try {
			return JSON.readTree(request.getBody()).path("messageId").asText();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	/** Senders under way. */
	static final class Running {

		private final ExecutorService threads = Executors.newCachedThreadPool();

		private final AtomicBoolean sending = new AtomicBoolean(true);

		/** Lets each sender finish the message in hand, then stops it. */
		void stop() throws InterruptedException {
			sending.set(false);
			threads.shutdown();
			assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).as("the senders stop").isTrue();
		}

	}

}
