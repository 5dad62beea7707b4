package dev.handoff;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The packaged jar ({@code target/handoff.jar}) as a child process on a free port, for
 * tests that kill it as a crash would (kill -9). It knows the shipped edges' senders; its
 * output goes to {@code target/<name>.log}.
 */
public final class JarProcess {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final String name;

	private JarProcess(Process process, int port, String name) {
		this.process = process;
		this.port = port;
		this.name = name;
	}

	/**
	 * Starts the jar with these arguments ({@code --key=value}) besides its port and the
	 * senders' credentials.
	 */
	public static JarProcess start(String name, List<String> arguments) throws IOException {
		int port = freePort();
		List<String> command = FastStart.command();
		command.add("--server.port=" + port);
		command.addAll(arguments);
		// the shipped edges' senders' credentials: an edge that does not know who may
		// send refuses to start
		command.addAll(Senders.arguments());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(Path.of("target", name + ".log").toFile())
			.start();
		return new JarProcess(process, port, name);
	}

	/** Waits until the instance answers ready, failing at once if it stopped. */
	public JarProcess awaitReady() {
		// a start takes 10-20 s on a quiet machine; a busy one (CI beside other builds)
		// may need several times that
		await(name + " is ready").atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.failFast(name + " stopped; see target/" + name + ".log", () -> !process.isAlive())
			.until(() -> HTTP
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString())
				.statusCode() == 200 && process.isAlive());
		return this;
	}

	/** Sends a body to a shipped edge as its sender and waits for the answer. */
	public HttpResponse<String> post(String edge, byte[] body) throws IOException, InterruptedException {
		return post(edge, Senders.authorization(edge), body);
	}

	/**
	 * Sends a body to an edge with this {@code Authorization} value and waits for the
	 * answer.
	 */
	public HttpResponse<String> post(String edge, String authorization, byte[] body)
			throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/" + edge))
			// generous: on a busy machine a just-started instance may answer slowly, and
			// an unanswered message proves nothing
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Kills the process as a crash would (SIGKILL: no shutdown hook, nothing given back)
	 * and waits until it is gone.
	 */
	public void kill() throws InterruptedException {
		process.destroyForcibly().waitFor();
	}

	public String name() {
		return name;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
