package dev.handoff.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged service as a child process: target/handoff.jar on its H2 default in a temporary data folder,
 * the shipped routes plus bench/routes, the bench-only baseline steps on its class path, every tool URL pointing
 * at the receiver. Reads its heap from the actuator and its RSS from /proc.
 */
final class Service implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path data;

	/**
	 * Options for the service's command line and JVM, from the benchmark's own options. {@code gcLog}: where the JVM
	 * writes its GC log, null for none; {@code fastStart}: the extracted jar with a class-data-sharing archive instead of
	 * the jar itself ({@link FastStart}); {@code jvmFlags}: more options for the service's JVM ({@code --service-jvm}, e.g. a
	 * GC setting to measure against the defaults).
	 */
	record Options(Path jar, Path plugin, Path routes, Path benchRoutes, Path contracts, String heap, String jfr, Path log,
			List<String> extraArgs, Path gcLog, boolean fastStart, List<String> jvmFlags) {

		Options(Path jar, Path plugin, Path routes, Path benchRoutes, Path contracts, String heap, String jfr, Path log, List<String> extraArgs) {
			this(jar, plugin, routes, benchRoutes, contracts, heap, jfr, log, extraArgs, null, false, List.of());
		}

		/**
		 * The same for instance {@code n} (2, ...) beside the first: every file it writes named apart (service-2.log,
		 * gc-2.log, its recording -2.jfr), so two processes never write one file.
		 */
		Options instance(int n) {
			return new Options(jar, plugin, routes, benchRoutes, contracts, heap, jfr == null ? null : numbered(Path.of(jfr), n).toString(),
					numbered(log, n), extraArgs, gcLog == null ? null : numbered(gcLog, n), fastStart, jvmFlags);
		}

		private static Path numbered(Path file, int n) {
			String name = file.getFileName().toString();
			int dot = name.lastIndexOf('.');
			String numbered = dot < 0 ? name + "-" + n : name.substring(0, dot) + "-" + n + name.substring(dot);
			return file.resolveSibling(numbered);
		}
	}

	private final long startedNanos;

	private final boolean ownData;

	/** The shared token of the bearer edges (brief-approved, cms-landing-page, email-campaign) in the bench. */
	static final String TOKEN = "bench-sender-token";

	/** The tracking edges' Basic credential: a write key as the user, no password, as Segment's libraries send it. */
	static final String WRITE_KEY_AUTHORIZATION = "Basic " + Base64.getEncoder()
		.encodeToString("bench-write-key:".getBytes(StandardCharsets.UTF_8));

	/** Who may send to the shipped edges: every one of them says so in its route, and the service refuses to start without it. */
	private static final List<String> SENDERS = List.of("--handoff.edges.inbound.brief-approved.tokens=" + TOKEN,
			"--handoff.edges.inbound.cms-landing-page.tokens=" + TOKEN, "--handoff.edges.inbound.email-campaign.tokens=" + TOKEN,
			"--handoff.edges.inbound.tracking-event.username=bench-write-key", "--handoff.edges.inbound.tracking-batch.username=bench-write-key");

	Service(Options o, int receiverPort) throws IOException {
		this(o, receiverPort, null);
	}

	/** @param dataFolder the service's data folder, kept after {@link #close()}; null for a temporary one, deleted then */
	Service(Options o, int receiverPort, Path dataFolder) throws IOException {
		this.port = freePort();
		this.ownData = dataFolder == null;
		this.data = dataFolder == null ? Files.createTempDirectory("handoff-load-") : dataFolder;
		String receiver = "http://127.0.0.1:" + receiverPort;
		List<String> jvm = new ArrayList<>();
		if (o.jfr() != null) {
			jvm.add("-XX:StartFlightRecording=filename=" + o.jfr() + ",settings=profile,dumponexit=true");
		}
		if (o.gcLog() != null) {
			// wall-clock time and uptime on every line: the one to match the JFR recording, the other the soak's intervals
			jvm.add("-Xlog:gc*:file=" + o.gcLog().toAbsolutePath() + ":time,uptime,level,tags");
		}
		List<String> launch;
		if (o.fastStart()) {
			FastStart fast = FastStart.prepare(o, receiver);
			launch = fast.launch();
			jvm.add("-Xlog:cds");
		}
		else {
			launch = List.of("-Dloader.path=" + o.plugin().toAbsolutePath(), "-cp", o.jar().toAbsolutePath().toString(),
					"org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		List<String> command = command(o, jvm, launch, port, data, receiver);
		File log = o.log().toFile();
		this.startedNanos = System.nanoTime();
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	/**
	 * The service's command line: java, the heap, {@code jvm} options, {@code launch} (class path and main class), then
	 * the service's arguments: its port and data folder, the shipped and bench routes, every tool at the receiver.
	 */
	static List<String> command(Options o, List<String> jvm, List<String> launch, int port, Path data, String receiver) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + o.heap());
		command.addAll(o.jvmFlags());
		command.addAll(jvm);
		command.addAll(launch);
		command.addAll(List.of("--server.port=" + port, "--HANDOFF_DATA_DIR=" + data, "--HANDOFF_ROUTES_DIR=" + o.routes().toAbsolutePath(),
				"--handoff.contracts.dir=" + o.contracts().toAbsolutePath(),
				"--camel.main.routes-include-pattern=file:" + o.routes().toAbsolutePath() + "/*.yaml,file:" + o.benchRoutes().toAbsolutePath()
						+ "/*.yaml",
				"--handoff.tools.cms-url=" + receiver, "--handoff.tools.email-url=" + receiver, "--handoff.tools.tracking-url=" + receiver,
				"--handoff.bench.deliver-to=" + receiver + "/v1/track", "--handoff.delivery.private-targets=allow",
				"--management.endpoints.web.exposure.include=health,info,prometheus,metrics"));
		command.addAll(SENDERS);
		command.addAll(o.extraArgs());
		return command;
	}

	int port() {
		return port;
	}

	long pid() {
		return process.pid();
	}

	Path data() {
		return data;
	}

	/** Waits for the readiness probe to answer 200; returns the time from the process's start to that answer. */
	Duration awaitReady(Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("the service stopped while starting; see its log");
			}
			try {
				if (get("/actuator/health/readiness").statusCode() == 200) {
					return Duration.ofNanos(System.nanoTime() - startedNanos);
				}
			}
			catch (IOException e) {
				// not listening yet
			}
			// 50 ms, not more: the time to ready is measured by this loop
			Thread.sleep(50);
		}
		throw new IllegalStateException("the service was not ready within " + within);
	}

	/** A POST as the edge's sender: the brief tool and campaign builder with their token, the tracking edges with the write key. */
	HttpResponse<String> post(String path, byte[] body) throws IOException, InterruptedException {
		String authorization = path.startsWith("/edges/tracking-") ? WRITE_KEY_AUTHORIZATION : "Bearer " + TOKEN;
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
			.header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(path, null);
	}

	/** A GET, with a bearer token when one is given (the review API). */
	HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().timeout(Duration.ofSeconds(600));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A Micrometer gauge from /actuator/metrics, e.g. jvm.memory.used with tag area:heap; NaN when unreadable. */
	double metric(String name, String tag) {
		try {
			HttpResponse<String> answer = get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
			JsonNode measurements = JSON.readTree(answer.body()).path("measurements");
			return measurements.isEmpty() ? Double.NaN : measurements.get(0).path("value").asDouble(Double.NaN);
		}
		catch (IOException e) {
			return Double.NaN;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

	/** The JVM's own uptime in seconds (RuntimeMXBean, through the actuator): the clock of its GC log. */
	double uptimeSeconds() {
		return metric("process.uptime", null);
	}

	double heapUsedMib() {
		return metric("jvm.memory.used", "area:heap") / (1024 * 1024);
	}

	/** Heap used right after a full GC asked for with jcmd. */
	double heapAfterGcMib() throws IOException, InterruptedException {
		Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid()), "GC.run")
			.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
		gc.waitFor(60, TimeUnit.SECONDS);
		return heapUsedMib();
	}

	double rssMib() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException e) {
			// gone
		}
		return Double.NaN;
	}

	/** SIGTERM and wait: a JFR recording is written on the way out. */
	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
		if (ownData) {
			deleteData();
		}
	}

	private void deleteData() {
		try (var files = Files.walk(data)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			// a temp folder left behind
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
