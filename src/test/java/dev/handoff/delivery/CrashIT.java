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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handoff.JarProcess;
import dev.handoff.TestFiles;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery promise under kill -9: the packaged jar runs as a child process on one
 * data folder while eight senders send messages as fast as it answers them, and is killed
 * at random moments 10 times, once with the tool as a plain http target and once behind a
 * {@code direct:} delivery route of the user's. Every message answered 2xx must reach the
 * tool at least once, repeats must share their key, and no message answered otherwise may
 * reach it.
 */
class CrashIT {

	private static final int KILLS = 10;

	/** How the tracking edge reaches the tool. */
	enum Target {

		HTTP_URL, DELIVERY_ROUTE

	}

	/** Senders in parallel, each waiting for its answer before the next message. */
	private static final int SENDERS = 8;

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

	@ParameterizedTest
	@EnumSource(Target.class)
	void everyAcknowledgedMessageIsDeliveredAcrossTenKills(Target target) throws Exception {
		tracking.start();
		Path routes = target == Target.DELIVERY_ROUTE ? deliveryRoute() : null;
		tracking.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)));
		Path data = Files.createTempDirectory("handoff-crash-");
		TrackingLoad load = new TrackingLoad();
		long lastReady = 0;

		for (int run = 0; run <= KILLS; run++) {
			process = JarProcess.start("crash-run-" + target + "-" + run, arguments(data, routes)).awaitReady();
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
			TrackingLoad.Running senders = load.start(thisRun, SENDERS, process);
			// the kill comes at a random moment after this run has acknowledged
			// something, however slow the machine is
			await("run " + run + " of " + target + " acknowledges a message").atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> load.acknowledgedAny(thisRun));
			Thread.sleep(500 + random.nextInt(1500));
			process.kill();
			senders.stop();
		}

		// measured from the last start's readiness: what the restarted instance still
		// owed, including rows the killed one
		// had claimed (their lease runs out within handoff.delivery.lease)
		long caughtUp;
		try {
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> load.allDelivered(tracking));
			caughtUp = System.nanoTime() - lastReady;
		}
		catch (ConditionTimeoutException e) {
			// the counts and assertions below say how many are missing
			caughtUp = -1;
		}
		String counts = load.counts(tracking) + String.format(" kills=%d caught-up-after-last-restart=%s%n", KILLS,
				caughtUp < 0 ? "never" : Duration.ofNanos(caughtUp).toMillis() + "ms");
		System.out.print("crash test " + target + ": " + counts);
		Files.writeString(Path.of("target/crash-test-" + target + ".txt"), counts);

		// not a speed floor: each run is killed only once it has acknowledged something,
		// so every kill tests the promise
		assertThat(load.acknowledged.keySet().stream().map(m -> m.split("-")[1]).distinct().count())
			.as("runs whose load was acknowledged")
			.isEqualTo(KILLS);
		load.assertKept(tracking);
	}

	/**
	 * The delivery settings a user gets: only the tool's address on this machine needs
	 * allowing.
	 */
	private List<String> arguments(Path data, Path routes) {
		List<String> arguments = new ArrayList<>(List.of("--HANDOFF_DATA_DIR=" + data,
				"--handoff.tools.cms-url=" + tracking.baseUrl(), "--handoff.tools.email-url=" + tracking.baseUrl(),
				"--handoff.tools.tracking-url=" + tracking.baseUrl() + "/tracking",
				"--handoff.delivery.private-targets=allow"));
		if (routes != null) {
			arguments.add("--HANDOFF_ROUTES_DIR=" + routes);
		}
		return arguments;
	}

	/**
	 * The shipped routes, with the tracking edge delivering through a route that makes
	 * the http call itself.
	 */
	private static Path deliveryRoute() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"),
				Files.createTempDirectory("handoff-crash-routes-").resolve("routes"));
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

}
