package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import dev.handoff.Senders;
import dev.handoff.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery promise under kill -9: the packaged jar runs as a child process on one data folder while
 * eight senders send messages as fast as it answers them, and is killed at random moments 10 times, once
 * with the tool as a plain http target and once behind a {@code direct:} delivery route of the user's.
 * Every message answered 2xx must reach the tool at least once, repeats must share their key, and no
 * message answered otherwise may reach it.
 */
class CrashIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int KILLS = 10;

	/** How the tracking edge reaches the tool. */
	enum Target {
		HTTP_URL, DELIVERY_ROUTE
	}

	/** Senders in parallel, each waiting for its answer before the next message. */
	private static final int SENDERS = 8;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final WireMockServer tracking = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	private final Random random = new Random(42);

	private Process process;

	@AfterEach
	void stop() {
		if (process != null) {
			process.destroyForcibly();
		}
		tracking.stop();
	}

	@ParameterizedTest
	@EnumSource(Target.class)
	void everyAcknowledgedMessageIsDeliveredAcrossTenKills(Target target) throws Exception {
		tracking.start();
		Path routes = target == Target.DELIVERY_ROUTE ? deliveryRoute() : null;
		tracking.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)));
		Path data = Files.createTempDirectory("handoff-crash-");
		JsonNode event = JSON.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile()).get("message");
		Map<String, String> acknowledged = new ConcurrentHashMap<>();
		Set<String> refused = ConcurrentHashMap.newKeySet();
		AtomicInteger sent = new AtomicInteger();
		AtomicInteger unanswered = new AtomicInteger();
		List<String> senderErrors = new CopyOnWriteArrayList<>();
		long lastReady = 0;

		for (int run = 0; run <= KILLS; run++) {
			int port = freePort();
			process = start(data, port, target + "-" + run, routes);
			awaitReady(port);
			lastReady = System.nanoTime();
			if (run == 0) {
				assertThat(postTo(port, "brief-approved", Files.readAllBytes(Path.of("demo/brief-v1.json"))).statusCode()).isEqualTo(202);
			}
			if (run == KILLS) {
				break;
			}
			String thisRun = "crash-" + run + "-";
			int cycle = run;
			ExecutorService load = Executors.newFixedThreadPool(SENDERS);
			AtomicBoolean sending = new AtomicBoolean(true);
			for (int i = 0; i < SENDERS; i++) {
				load.execute(() -> {
					while (sending.get()) {
						int n = sent.incrementAndGet();
						String marker = thisRun + n;
						ObjectNode message = event.deepCopy();
						message.put("messageId", marker);
						if (n % 10 == 0) {
							message.putObject("context").putObject("campaign").put("medium", "Email");
						}
						send(port, message, marker, acknowledged, refused, unanswered, senderErrors);
					}
				});
			}
			// the kill comes at a random moment after this run has acknowledged something, however slow the machine is
			await("run " + cycle + " of " + target + " acknowledges a message").atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> acknowledged.keySet().stream().anyMatch(m -> m.startsWith(thisRun)));
			Thread.sleep(500 + random.nextInt(1500));
			process.destroyForcibly().waitFor();
			sending.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).as("the senders stop").isTrue();
		}

		// measured from the last start's readiness: what the restarted instance still owed, including rows the killed one
		// had claimed (their lease runs out within handoff.delivery.lease)
		long caughtUp;
		try {
			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
				.until(() -> receivedKeys().keySet().containsAll(acknowledged.values()));
			caughtUp = System.nanoTime() - lastReady;
		}
		catch (ConditionTimeoutException e) {
			// the counts and assertions below say how many are missing
			caughtUp = -1;
		}
		Map<String, Integer> byKey = receivedKeys();
		Set<String> receivedMarkers = ConcurrentHashMap.newKeySet();
		tracking.findAll(anyRequestedFor(anyUrl())).forEach(r -> receivedMarkers.add(marker(r)));
		int duplicates = byKey.values().stream().mapToInt(c -> c - 1).sum();
		long lost = acknowledged.values().stream().filter(id -> !byKey.containsKey(id)).count();
		String counts = String.format("sent=%d acknowledged=%d refused=%d unanswered=%d delivered=%d requests=%d duplicates=%d lost=%d kills=%d "
				+ "caught-up-after-last-restart=%s%n", sent.get(), acknowledged.size(), refused.size(), unanswered.get(), byKey.size(),
				tracking.findAll(anyRequestedFor(anyUrl())).size(), duplicates, lost, KILLS,
				caughtUp < 0 ? "never" : Duration.ofNanos(caughtUp).toMillis() + "ms");
		System.out.print("crash test " + target + ": " + counts);
		Files.writeString(Path.of("target/crash-test-" + target + ".txt"), counts);

		// not a speed floor: each run is killed only once it has acknowledged something, so every kill tests the promise
		assertThat(acknowledged.keySet().stream().map(m -> m.split("-")[1]).distinct().count()).as("runs whose load was acknowledged")
			.isEqualTo(KILLS);
		assertThat(senderErrors).as("every answer was understood").isEmpty();
		assertThat(lost).as("every 2xx reached the tool").isZero();
		assertThat(refused).as("every tenth message breaks its contract").isNotEmpty();
		assertThat(receivedMarkers).as("nothing answered non-2xx reached the tool").doesNotContainAnyElementsOf(refused);
		tracking.findAll(anyRequestedFor(anyUrl())).forEach(r -> assertThat(acknowledged.get(marker(r)))
			.as("a delivery is a message that was acknowledged, under the key it was acknowledged with")
			.satisfiesAnyOf(id -> assertThat(id).isEqualTo(r.getHeader("Idempotency-Key")), id -> assertThat(id).isNull()));
	}

	private Map<String, Integer> receivedKeys() {
		Map<String, Integer> byKey = new HashMap<>();
		tracking.findAll(anyRequestedFor(anyUrl())).forEach(r -> byKey.merge(r.getHeader("Idempotency-Key"), 1, Integer::sum));
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

	/** The shipped routes, with the tracking edge delivering through a route that makes the http call itself. */
	private static Path deliveryRoute() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-crash-routes-").resolve("routes"));
		TestFiles.replace(routes.resolve("tracking-event.yaml"), "deliverTo={{handoff.tools.tracking-url}}/v1/track",
				"deliverTo=direct:tracking-forward");
		Files.writeString(routes.resolve("tracking-forward.yaml"), """
				- route:
				    id: tracking-forward
				    from:
				      uri: direct:tracking-forward
				      steps:
				        - to: "{{handoff.tools.tracking-url}}/v1/track?httpMethod=POST"
				""");
		return routes;
	}

	private Process start(Path data, int port, String run, Path routes) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
				System.getProperty("handoff.jar", "target/handoff.jar"), "--server.port=" + port, "--HANDOFF_DATA_DIR=" + data,
				"--handoff.tools.cms-url=" + tracking.baseUrl(), "--handoff.tools.email-url=" + tracking.baseUrl(),
				// the delivery settings a user gets: only the tool's address on this machine needs allowing
				"--handoff.tools.tracking-url=" + tracking.baseUrl() + "/tracking", "--handoff.delivery.private-targets=allow"));
		command.addAll(Senders.arguments());
		if (routes != null) {
			command.add("--HANDOFF_ROUTES_DIR=" + routes);
		}
		File log = Path.of("target", "crash-run-" + run + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private void awaitReady(int port) {
		// a start takes 10-20 s on a quiet machine; a busy one (CI beside other builds) may need several times that
		await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
				.GET().build(), HttpResponse.BodyHandlers.ofString());
			return health.statusCode() == 200 && process.isAlive();
		});
	}

	private HttpResponse<String> postTo(int port, String edge, byte[] body) throws Exception {
		return http.send(request(port, edge, body), HttpResponse.BodyHandlers.ofString());
	}

	/** One message, waiting for its answer: a sender never has more than one in flight, so a slow instance is never flooded. */
	private void send(int port, JsonNode message, String marker, Map<String, String> acknowledged, Set<String> refused, AtomicInteger unanswered,
			List<String> senderErrors) {
		try {
			HttpResponse<String> response = http.send(request(port, "tracking-event", JSON.writeValueAsBytes(message)),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 == 2) {
				acknowledged.put(marker, id(response));
			}
			else {
				refused.add(marker);
			}
		}
		catch (IOException e) {
			// killed mid-request or not listening yet: the sender cannot know the outcome, so the test promises nothing for it
			unanswered.incrementAndGet();
			pause();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException | AssertionError e) {
			senderErrors.add(marker + ": " + e);
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

	private static HttpRequest request(int port, String edge, byte[] body) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/" + edge))
			// generous: on a busy machine a just-started instance may answer slowly, and an unanswered message proves nothing
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", Senders.authorization(edge))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private static String id(HttpResponse<String> response) {
		try {
			return JSON.readTree(response.body()).get("id").asText();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
