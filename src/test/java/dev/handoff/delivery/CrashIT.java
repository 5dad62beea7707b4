package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handoff.JarProcess;
import dev.handoff.Senders;
import dev.handoff.TestFiles;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery promise under kill -9: the packaged jar runs as a child process on one
 * data folder while senders send tracking events as fast as it answers them, and is
 * killed at random moments 10 times. Two edges on the same contract take the load side by
 * side, so each kill hits both ways a message can reach a tool: {@code tracking-event}
 * with the tool as a plain http target, and {@code tracking-routed} behind a
 * {@code direct:} delivery route of the user's that makes the http call itself. For each,
 * every message answered 2xx must reach the tool at least once, repeats must share their
 * key, and no message answered otherwise may reach it.
 */
class CrashIT {

	private static final int KILLS = 10;

	/**
	 * Senders in parallel to each edge, each waiting for its answer before the next
	 * message.
	 */
	private static final int SENDERS = 8;

	/** The second edge: the shipped tracking-event edge delivering through a route. */
	private static final String ROUTED = "tracking-routed";

	private final WireMockServer tracking = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	private final Random random = new Random(42);

	private JarProcess process;

	@AfterEach
	void stop() throws InterruptedException {
		if (process != null) {
			process.kill();
		}
		tracking.stop();
	}

	@Test
	void everyAcknowledgedMessageIsDeliveredAcrossTenKillsByAnHttpTargetAndByADeliveryRoute() throws Exception {
		tracking.start();
		tracking.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)));
		Path data = Files.createTempDirectory("handoff-crash-");
		Path routes = routesWithADeliveryRoute();
		// each load marks its messages with its own prefix, so each counts only its own
		// requests at the shared tool
		Map<String, TrackingLoad> loads = new LinkedHashMap<>();
		loads.put("http-target", new TrackingLoad("tracking-event", Senders.authorization("tracking-event"), "http."));
		loads.put("delivery-route", new TrackingLoad(ROUTED, Senders.basic(Senders.WRITE_KEY, ""), "route."));
		long lastReady = 0;

		for (int run = 0; run <= KILLS; run++) {
			process = JarProcess.start("crash-run-" + run, arguments(data, routes)).awaitReady();
			lastReady = System.nanoTime();
			if (run == 0) {
				assertThat(
						process.post("brief-approved", Files.readAllBytes(Path.of("demo/brief-v1.json"))).statusCode())
					.isEqualTo(202);
			}
			if (run == KILLS) {
				break;
			}
			String thisRun = "crash-" + run + "-";
			JarProcess instance = process;
			List<TrackingLoad.Running> senders = loads.values()
				.stream()
				.map(load -> load.start(thisRun, SENDERS, instance))
				.toList();
			// the kill comes at a random moment after both edges have acknowledged
			// something in this run, however slow the machine is
			await("run " + run + " acknowledges a message on both edges").atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> loads.values().stream().allMatch(load -> load.acknowledgedAny(thisRun)));
			Thread.sleep(500 + random.nextInt(1500));
			process.kill();
			for (TrackingLoad.Running running : senders) {
				running.stop();
			}
		}

		// measured from the last start's readiness: what the restarted instance still
		// owed, including rows the killed one had claimed (their lease runs out within
		// handoff.delivery.lease)
		long caughtUp;
		try {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> loads.values().stream().allMatch(load -> load.allDelivered(tracking)));
			caughtUp = System.nanoTime() - lastReady;
		}
		catch (ConditionTimeoutException e) {
			// the counts and assertions below say how many are missing
			caughtUp = -1;
		}
		String after = String.format(" kills=%d caught-up-after-last-restart=%s%n", KILLS,
				caughtUp < 0 ? "never" : Duration.ofNanos(caughtUp).toMillis() + "ms");
		for (Map.Entry<String, TrackingLoad> each : loads.entrySet()) {
			String counts = each.getValue().counts(tracking) + after;
			System.out.print("crash test " + each.getKey() + ": " + counts);
			Files.writeString(Path.of("target/crash-test-" + each.getKey() + ".txt"), counts);
		}

		for (Map.Entry<String, TrackingLoad> each : loads.entrySet()) {
			TrackingLoad load = each.getValue();
			// not a speed floor: each run is killed only once both edges have
			// acknowledged something, so every kill tests the promise on both
			assertThat(load.acknowledged.keySet().stream().map(m -> m.split("-")[1]).distinct().count())
				.as("runs whose load was acknowledged on %s", each.getKey())
				.isEqualTo(KILLS);
			load.assertKept(tracking);
		}
	}

	/**
	 * The delivery settings a user gets: only the tool's address on this machine needs
	 * allowing.
	 */
	private List<String> arguments(Path data, Path routes) {
		return List.of("--HANDOFF_DATA_DIR=" + data, "--HANDOFF_ROUTES_DIR=" + routes,
				"--handoff.tools.cms-url=" + tracking.baseUrl(), "--handoff.tools.email-url=" + tracking.baseUrl(),
				"--handoff.tools.tracking-url=" + tracking.baseUrl() + "/tracking",
				"--handoff.delivery.private-targets=allow",
				"--handoff.edges.inbound." + ROUTED + ".username=" + Senders.WRITE_KEY);
	}

	/**
	 * The shipped routes, and beside them a second tracking edge that delivers through a
	 * route making the http call itself.
	 */
	private static Path routesWithADeliveryRoute() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"),
				Files.createTempDirectory("handoff-crash-routes-").resolve("routes"));
		String shipped = Files.readString(routes.resolve("tracking-event.yaml"));
		String routed = shipped.replace("id: tracking-event", "id: " + ROUTED)
			.replace("platform-http:/edges/tracking-event", "platform-http:/edges/" + ROUTED)
			.replace("deliverTo={{handoff.tools.tracking-url}}/v1/track", "deliverTo=direct:tracking-forward");
		assertThat(routed).as("the routed copy of tracking-event.yaml")
			.contains("id: " + ROUTED)
			.contains("/edges/" + ROUTED)
			.contains("deliverTo=direct:tracking-forward");
		Files.writeString(routes.resolve(ROUTED + ".yaml"), routed);
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

}
