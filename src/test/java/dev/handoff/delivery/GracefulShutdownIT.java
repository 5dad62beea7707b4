package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handoff.FastStart;
import dev.handoff.Senders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM with sends in flight to a tool that does not answer, with the settings a user
 * gets: the process exits within its grace period
 * (spring.lifecycle.timeout-per-shutdown-phase, 20 s) although a send would wait 30 s for
 * its answer; sends cut short and those not begun stay due, and after a restart every
 * accepted message reaches the tool.
 */
class GracefulShutdownIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final WireMockServer tool = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	private Process process;

	@AfterEach
	void stop() {
		if (process != null) {
			process.destroyForcibly();
		}
		tool.stop();
	}

	@Test
	void exitsWithinTheGracePeriodAndLeavesUnfinishedSendsDue() throws Exception {
		tool.start();
		// longer than the request timeout (30 s) and the grace period (20 s): the tool
		// never answers in time
		tool.stubFor(post(urlPathEqualTo("/tracking/v1/track"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(60_000)));
		Path data = Files.createTempDirectory("handoff-shutdown-");
		int port = freePort();
		process = start(data, port, 0);
		awaitReady(port);
		assertThat(send(port, "brief-approved", Files.readAllBytes(Path.of("demo/brief-v1.json"))).statusCode())
			.isEqualTo(202);
		JsonNode event = JSON.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile())
			.get("message");
		Set<String> accepted = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			ObjectNode message = event.deepCopy();
			message.put("messageId", "shutdown-" + i);
			HttpResponse<String> response = send(port, "tracking-event", JSON.writeValueAsBytes(message));
			assertThat(response.statusCode()).isEqualTo(202);
			accepted.add(JSON.readTree(response.body()).get("id").asText());
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !tool.findAll(anyRequestedFor(anyUrl())).isEmpty());

		long stopping = System.nanoTime();
		process.destroy();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
		Duration took = Duration.ofNanos(System.nanoTime() - stopping);
		System.out.printf("graceful shutdown: exited in %d ms with code %d%n", took.toMillis(), process.exitValue());
		Files.writeString(Path.of("target/graceful-shutdown.txt"),
				"exited-in=" + took.toMillis() + "ms code=" + process.exitValue() + "\n");
		// the grace period bounds the stop; the JVM's own exit after it is not Handoff's
		// to bound
		assertThat(took).as("the stop, against a grace period of 20 s").isLessThan(Duration.ofSeconds(25));

		// the tool answered nothing before the stop: every accepted message must go out
		// again after the restart
		Set<String> keys = new HashSet<>();
		tool.resetAll();
		tool.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)));
		process = start(data, port, 1);
		awaitReady(port);
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			tool.findAll(anyRequestedFor(anyUrl())).forEach(r -> keys.add(r.getHeader("Idempotency-Key")));
			List<String> missing = accepted.stream().filter(id -> !keys.contains(id)).toList();
			assertThat(missing).as("sends cut short by the shutdown went out after the restart, under the same keys")
				.isEmpty();
		});
	}

	private Process start(Path data, int port, int run) throws IOException {
		List<String> command = FastStart.command();
		command.addAll(List.of("--server.port=" + port, "--HANDOFF_DATA_DIR=" + data,
				"--handoff.tools.cms-url=" + tool.baseUrl(), "--handoff.tools.email-url=" + tool.baseUrl(),
				// the delivery settings a user gets: only the tool's address on
				// this machine needs allowing
				"--handoff.tools.tracking-url=" + tool.baseUrl() + "/tracking",
				"--handoff.delivery.private-targets=allow"));
		command.addAll(Senders.arguments());
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target", "shutdown-run-" + run + ".log").toFile())
			.start();
	}

	private void awaitReady(int port) {
		// a start takes 10-20 s on a quiet machine; a busy one (CI beside other builds)
		// may need several times that
		await().atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.until(() -> http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 200);
	}

	private HttpResponse<String> send(int port, String edge, byte[] body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/" + edge))
			.header("Content-Type", "application/json")
			.header("Authorization", Senders.authorization(edge))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
