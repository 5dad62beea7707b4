package dev.handoff.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The end-to-end load benchmark. Starts the receiver and the packaged service, records the truth (the brief
 * example), then drives the guarded tracking-event edge and the two bench-only baselines (store without guard,
 * forward without guard or store) with the tracking example, at each rate in turn, and prints and writes the figures
 * and the guarded/baseline ratios. With {@code --soak SECONDS} it instead drives the guarded edge at one rate and
 * samples the heap (after a full GC every minute) and RSS, to show whether memory grows. With {@code --cost SECONDS}
 * it measures what a delivered message costs the service per route: CPU time, commits and statements ({@link Cost}).
 * {@code --db postgres} runs the service on an embedded PostgreSQL instead of its H2 default ({@link Database});
 * {@code --jar} measures another build of the service with the same bench. The soak also cuts time to 202 into intervals
 * by due time ({@code --interval}, 60 s over 5 minutes, else 10 s), writes the service's GC log ({@code --gc-log}, on for
 * a soak) and asks for a full GC every {@code --full-gc} seconds for the heap after GC (0: never, as a cold start
 * should); {@code --fast-start true} starts the service from its extracted jar with a CDS archive ({@link FastStart}).
 * {@code --instances 2} (cost mode, PostgreSQL only) measures the cost windows with one instance, then again with a second
 * instance started on the same database, the load spread over both. {@code --kafka EVENTS} compares the Kafka edge with a
 * bare Camel Kafka-to-Kafka route on a broker in this JVM ({@link KafkaBench}).
 *
 * Usage (from the repository root): {@code java -jar bench/load/target/load.jar [--rates 100,500,1000,2000]
 * [--duration 30] [--warmup 20] [--saturate 20] [--connections 64] [--routes guarded,store,forward] [--soak 600 --soak-rate 500]
 * [--interval 60] [--full-gc 60] [--gc-log true] [--fast-start false] [--service-jvm "-XX:MaxGCPauseMillis=20"]
 * [--cost 60 --cost-rate 500 --idle 10 --instances 1|2] [--kafka 20000 --kafka-warmup 5000 --kafka-passes 3 --kafka-partitions 2]
 * [--db h2|postgres] [--jar target/handoff.jar] [--jfr file.jfr] [--out bench/results/load]
 * [-- extra service arguments]}
 */
public final class LoadBench {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Route name to path: the guarded edge and the two baselines of bench/routes/bench.yaml. */
	static final Map<String, String> PATHS = new LinkedHashMap<>();

	static {
		PATHS.put("guarded", "/edges/tracking-event");
		PATHS.put("store", "/bench/store");
		PATHS.put("forward", "/bench/forward");
	}

	private LoadBench() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> o = options(args);
		List<String> extra = new ArrayList<>();
		int dashes = Arrays.asList(args).indexOf("--");
		if (dashes >= 0) {
			extra.addAll(Arrays.asList(args).subList(dashes + 1, args.length));
		}
		int[] rates = Arrays.stream(o.getOrDefault("rates", "100,500,1000,2000").split(",")).mapToInt(Integer::parseInt).toArray();
		int duration = Integer.parseInt(o.getOrDefault("duration", "30"));
		int warmup = Integer.parseInt(o.getOrDefault("warmup", "20"));
		int saturate = Integer.parseInt(o.getOrDefault("saturate", "20"));
		int connections = Integer.parseInt(o.getOrDefault("connections", "64"));
		int soak = Integer.parseInt(o.getOrDefault("soak", "0"));
		int soakRate = Integer.parseInt(o.getOrDefault("soak-rate", "500"));
		int cost = Integer.parseInt(o.getOrDefault("cost", "0"));
		int costRate = Integer.parseInt(o.getOrDefault("cost-rate", "500"));
		int idle = Integer.parseInt(o.getOrDefault("idle", "10"));
		int instances = Integer.parseInt(o.getOrDefault("instances", "1"));
		int kafka = Integer.parseInt(o.getOrDefault("kafka", "0"));
		String dbName = o.getOrDefault("db", "h2");
		if (instances > 1 && cost == 0) {
			throw new IllegalArgumentException("--instances is for the cost mode (--cost SECONDS)");
		}
		if (instances > 1 && !dbName.equals("postgres")) {
			// two processes cannot share the H2 default: it is a file one process holds open (and locks)
			throw new IllegalArgumentException("--instances " + instances + " needs --db postgres: the H2 default is a file in one "
					+ "process's data folder, which no second instance can share");
		}
		if (instances < 1 || instances > 2) {
			throw new IllegalArgumentException("--instances is 1 or 2 (a 2-core machine)");
		}
		// per minute over a soak, per 10 s over a cold start (2 minutes)
		int interval = Integer.parseInt(o.getOrDefault("interval", soak > 300 ? "60" : "10"));
		int fullGc = Integer.parseInt(o.getOrDefault("full-gc", "60"));
		boolean gcLog = Boolean.parseBoolean(o.getOrDefault("gc-log", Boolean.toString(soak > 0)));
		boolean fastStart = Boolean.parseBoolean(o.getOrDefault("fast-start", "false"));
		List<String> routes = List.of(o.getOrDefault("routes", cost > 0 ? "guarded,forward" : "guarded,store,forward").split(","));
		Path out = Path.of(o.getOrDefault("out", "bench/results/load"));
		Files.createDirectories(out);
		Path contracts = Path.of(o.getOrDefault("contracts", "contracts"));

		Receiver receiver = new Receiver();
		receiver.start();
		Database db = Database.start(dbName);
		List<String> serviceArgs = new ArrayList<>(db.serviceArgs());
		// before the service: its Kafka consumers start with it and must find the broker
		KafkaBench broker = kafka > 0 ? KafkaBench.start(Integer.parseInt(o.getOrDefault("kafka-partitions", "2"))) : null;
		if (broker != null) {
			serviceArgs.addAll(broker.serviceArgs());
		}
		serviceArgs.addAll(extra);
		Path jar = Path.of(o.getOrDefault("jar", "target/handoff.jar"));
		Service.Options service = new Service.Options(jar,
				Path.of(o.getOrDefault("plugin", "bench/load/target/handoff-bench-app.jar")), Path.of(o.getOrDefault("routes-dir", "routes")),
				Path.of(o.getOrDefault("bench-routes", "bench/routes")), contracts, o.getOrDefault("heap", "1g"), o.get("jfr"),
				out.resolve(soak > 0 ? "service-soak.log" : "service.log"), serviceArgs, gcLog ? out.resolve("gc.log") : null, fastStart,
				o.containsKey("service-jvm") ? List.of(o.get("service-jvm").trim().split("\\s+")) : List.of());
		System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cpus, load average " + Runner.loadAvg());
		System.out.println("service: " + jar + " (" + Files.size(jar) + " bytes, sha-256 " + sha256(jar).substring(0, 16) + "), database: " + db);
		try (Service app = new Service(service, receiver.port())) {
			Duration ready = app.awaitReady(Duration.ofSeconds(180));
			System.out.printf(Locale.ROOT, "service ready %.2f s after its start (%s), load average %s%n", ready.toMillis() / 1000.0,
					fastStart ? "fast start: extracted jar, CDS archive" : "java -cp handoff.jar PropertiesLauncher", Runner.loadAvg());
			System.out.println("service pid " + app.pid() + " on port " + app.port() + ", data in " + app.data() + ", receiver on port "
					+ receiver.port());
			byte[] brief = JSON.writeValueAsBytes(example(contracts, "brief-approved"));
			int briefStatus = app.post("/edges/brief-approved", brief).statusCode();
			if (briefStatus != 202) {
				throw new IllegalStateException("the brief was answered " + briefStatus + ", not 202");
			}
			if (broker != null) {
				// the truth is recorded (the brief above), so the guarded Kafka edge accepts the tracking example
				broker.run(app, db, contracts, kafka, Integer.parseInt(o.getOrDefault("kafka-warmup", Integer.toString(Math.min(5000, kafka)))),
						Integer.parseInt(o.getOrDefault("kafka-passes", "3")), out);
				return;
			}
			ObjectNode event = (ObjectNode) example(contracts, "tracking-event");
			event.put("messageId", "@ID@");
			Runner runner = new Runner(app, receiver, JSON.writeValueAsString(event), connections);
			if (soak > 0) {
				// the same warm-up as the load runs, so the soak shows the steady state (a cold start is a run of its own:
				// --warmup 0)
				if (warmup > 0) {
					System.out.println("warm-up: " + warmup + " s at " + soakRate + " msg/s (not recorded)");
					runner.open("guarded", PATHS.get("guarded"), soakRate, warmup);
				}
				Soak.run(app, runner, soak, soakRate, interval, fullGc, out);
				return;
			}
			if (cost > 0) {
				cost(app, service, receiver, runner, db, routes, instances, cost, costRate, warmup, saturate, connections, idle, out);
				return;
			}
			System.out.println("warm-up: " + warmup + " s at 500 msg/s on each route (not recorded)");
			for (String route : routes) {
				if (warmup > 0) {
					runner.open(route, PATHS.get(route), 500, warmup);
				}
			}
			List<Result> results = new ArrayList<>();
			System.out.println(Result.tableHeader());
			for (int rate : rates) {
				for (String route : routes) {
					Result r = runner.open(route, PATHS.get(route), rate, duration);
					System.out.println(r.row());
					results.add(r);
				}
			}
			if (saturate > 0) {
				for (String route : routes) {
					Result r = runner.closed(route, PATHS.get(route), connections, saturate);
					System.out.println(r.row());
					results.add(r);
				}
			}
			List<String> csv = new ArrayList<>();
			csv.add(Result.CSV_HEADER);
			results.forEach(r -> csv.add(r.csv()));
			Files.write(out.resolve("load.csv"), csv);
			ratios(results, rates);
		}
		finally {
			receiver.stop();
			if (broker != null) {
				broker.close();
			}
			// after the service, which closed its connections on the way out
			db.close();
		}
	}

	/**
	 * The cost mode: its windows with one instance, then, for {@code --instances 2}, again with a second instance started
	 * on the same database (its own port, data folder and log; the same routes, contracts and plugin; the dispatcher names
	 * each instance itself, so nothing else differs), the load spread over both.
	 */
	private static void cost(Service first, Service.Options options, Receiver receiver, Runner runner, Database db, List<String> routes,
			int instances, int seconds, int rate, int warmup, int saturate, int connections, int idle, Path out) throws Exception {
		List<Service> running = new ArrayList<>(List.of(first));
		List<CostRow> rows = new ArrayList<>();
		try {
			for (int n = 1; n <= instances; n++) {
				if (n > 1) {
					Service more = new Service(options.instance(n), receiver.port());
					running.add(more);
					Duration ready = more.awaitReady(Duration.ofSeconds(180));
					System.out.printf(Locale.ROOT, "%nservice instance %d ready %.2f s after its start: pid %d on port %d, data in %s, same database%n", n,
							ready.toMillis() / 1000.0, more.pid(), more.port(), more.data());
				}
				runner.targets(running);
				// the same warm-up as the load runs, at the rate measured, so the JIT has compiled what the window runs (a
				// second instance starts cold: all of them are warmed again, the load spread as in the windows)
				System.out.println("warm-up: " + warmup + " s at " + rate + " msg/s on each route (not recorded)");
				for (String route : routes) {
					if (warmup > 0) {
						runner.open(route, PATHS.get(route), rate, warmup);
					}
				}
				rows.addAll(Cost.run(running, runner, db, routes, seconds, rate, saturate, connections, idle, out));
			}
		}
		finally {
			// the first is the caller's to close
			for (Service more : running.subList(1, running.size())) {
				more.close();
			}
		}
		Cost.scaling(rows);
		Cost.write(rows, out);
	}

	private static String sha256(Path file) throws Exception {
		java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
		try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return java.util.HexFormat.of().formatHex(digest.digest());
	}

	/** guarded / baseline for p50 and p99 at each rate, and for the most each route took (closed loop). */
	private static void ratios(List<Result> results, int[] rates) {
		System.out.println();
		System.out.println("| offered msg/s | guarded p99 ms | store p99 | forward p99 | guarded/store p99 | guarded/forward p99 | guarded/store p50 | guarded/forward p50 |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (int rate : rates) {
			Result g = find(results, "guarded", "open", rate);
			Result s = find(results, "store", "open", rate);
			Result f = find(results, "forward", "open", rate);
			if (g == null || s == null || f == null) {
				continue;
			}
			System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.2f× | %.2f× | %.2f× | %.2f× |%n", rate, g.p99(), s.p99(), f.p99(), g.p99() / s.p99(),
					g.p99() / f.p99(), g.p50() / s.p50(), g.p50() / f.p50());
		}
		Result g = results.stream().filter(r -> r.mode().equals("closed") && r.route().equals("guarded")).findFirst().orElse(null);
		Result s = results.stream().filter(r -> r.mode().equals("closed") && r.route().equals("store")).findFirst().orElse(null);
		Result f = results.stream().filter(r -> r.mode().equals("closed") && r.route().equals("forward")).findFirst().orElse(null);
		if (g != null && s != null && f != null) {
			System.out.println();
			System.out.printf(Locale.ROOT, "most taken (closed loop, %d connections): guarded %.0f msg/s, store %.0f, forward %.0f; "
					+ "guarded/store %.0f %% (target ≥ 85 %%), guarded/forward %.0f %% (target ≥ 50 %%)%n", g.offered(), g.throughput(),
					s.throughput(), f.throughput(), 100 * g.throughput() / s.throughput(), 100 * g.throughput() / f.throughput());
		}
	}

	private static Result find(List<Result> results, String route, String mode, int offered) {
		return results.stream().filter(r -> r.route().equals(route) && r.mode().equals(mode) && r.offered() == offered).findFirst().orElse(null);
	}

	static JsonNode example(Path contracts, String edge) throws java.io.IOException {
		try (var files = Files.list(contracts.resolve("examples").resolve(edge))) {
			Path first = files.filter(f -> f.getFileName().toString().startsWith("01-")).findFirst().orElseThrow();
			return JSON.readTree(first.toFile()).get("message");
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length && !args[i].equals("--"); i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("options are --name value; got '" + args[i] + "'");
			}
			options.put(args[i].substring(2), args[++i]);
		}
		return options;
	}
}
