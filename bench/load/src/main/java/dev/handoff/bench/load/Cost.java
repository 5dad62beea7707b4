package dev.handoff.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a delivered message costs the service (issue 17): for each route, one open-loop window at a fixed rate and
 * one closed-loop window at saturation, each from its first message to the end of its drain, with the service's
 * CPU time, the database server's (PostgreSQL only; H2 is inside the service), this tool's, and the service's JDBC
 * commits and statements over it, all divided by the messages delivered. Run it on two jars back to back (--jar) to
 * compare a change. The forward route touches no database: its counts are the background (dispatcher polls,
 * housekeeping) that every route's window carries too. With {@code --instances 2} (PostgreSQL only) the same windows
 * run once with one instance and again with two on the same database, the load spread over both and their CPU and
 * counts summed; {@link #scaling} sets each beside one instance.
 */
final class Cost {

	static final String HOW_COUNTED = "How it counts: CPU is the service process's user + system time (/proc, 10 ms ticks) from the window's "
			+ "first message to the last delivery (the drain included), divided by messages delivered; \"% of a core\" is that CPU over the "
			+ "window's wall time. DB server CPU is PostgreSQL's postmaster and all its processes (H2 runs inside the service: –). "
			+ "The load tool (generator + receiver) shares the same cores. Commits are Connection.commit() calls that returned plus "
			+ "statements executed while their connection was in auto-commit mode (one per execute call; the executeQuery calls among them, \"reads\", "
			+ "write nothing); statements are every execute* "
			+ "call on Statement/PreparedStatement/CallableStatement, a batch counted once (its commands are in the CSV's batch_rows). "
			+ "Counted by a proxy around the service's DataSource (bench/app), which costs the service a little CPU on every route. "
			+ "With several instances, service CPU and the counts are summed over all of them; delivered and repeats are counted at the "
			+ "receiver by message id (a repeat: a message delivered again, allowed under its own Idempotency-Key).";

	private Cost() {
	}

	/**
	 * The windows for each route with the service {@code apps} in place (one instance, or several on one database, the
	 * load spread over them by the runner), their rows printed as they come; returns the open-loop rows, then the
	 * closed-loop ones. The idle window's line is appended to idle.txt.
	 */
	static List<CostRow> run(List<Service> apps, Runner runner, Database db, List<String> routes, int seconds, int rate, int saturate,
			int connections, int idle, Path out) throws Exception {
		int instances = apps.size();
		String on = instances == 1 ? "one instance" : instances + " instances";
		runner.sampleMemory(false);
		runner.targets(apps);
		if (idle > 0) {
			Files.writeString(out.resolve("idle.txt"), on + ": " + idle(apps, db, idle) + "\n", StandardOpenOption.CREATE,
					instances == 1 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
		}
		List<CostRow> open = new ArrayList<>();
		System.out.println();
		System.out.println("cost: " + seconds + " s at " + rate + " msg/s per route, open loop, on " + db + ", " + on
				+ (instances == 1 ? "" : " (message i to instance i mod " + instances + ")"));
		System.out.println(CostRow.tableHeader());
		for (String route : routes) {
			CostRow row = window(instances, apps, db, () -> runner.open(route, LoadBench.PATHS.get(route), rate, seconds));
			System.out.println(row.row());
			open.add(row);
		}
		List<CostRow> closed = new ArrayList<>();
		if (saturate > 0) {
			System.out.println();
			System.out.println("saturation: " + saturate + " s with " + connections + " connections per route, closed loop, " + on
					+ (instances == 1 ? "" : " (" + connections / instances + " connections each)"));
			System.out.println(CostRow.tableHeader());
			for (String route : routes) {
				CostRow row = window(instances, apps, db, () -> runner.closed(route, LoadBench.PATHS.get(route), connections, saturate));
				System.out.println(row.row());
				closed.add(row);
			}
		}
		ratio(closed);
		List<CostRow> rows = new ArrayList<>(open);
		rows.addAll(closed);
		return rows;
	}

	/** cost.csv: every window of the run, open loop then closed for each number of instances; and how it counts. */
	static void write(List<CostRow> rows, Path out) throws java.io.IOException {
		System.out.println();
		System.out.println(HOW_COUNTED);
		List<String> csv = new ArrayList<>();
		csv.add(CostRow.CSV_HEADER);
		rows.forEach(r -> csv.add(r.csv()));
		Files.write(out.resolve("cost.csv"), csv);
	}

	/**
	 * More instances against one: for each route and loop, what the larger number delivered and spent per message next
	 * to one instance in the same run (the capacity model's inputs).
	 */
	static void scaling(List<CostRow> rows) {
		int most = rows.stream().mapToInt(CostRow::instances).max().orElse(1);
		if (most < 2) {
			return;
		}
		System.out.println();
		System.out.println("| route | load | instances | delivered msg/s (window) | × one instance | service CPU ms/msg (all instances) | DB server CPU ms/msg "
				+ "| commits/msg | statements/msg | p50 to 202 ms | p99 to 202 ms | repeats | undelivered |");
		System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (CostRow one : rows.stream().filter(r -> r.instances() == 1).toList()) {
			for (CostRow row : rows) {
				if (!row.result().route().equals(one.result().route()) || !row.result().mode().equals(one.result().mode())) {
					continue;
				}
				Result r = row.result();
				System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.2f× | %s | %s | %s | %s | %.1f | %.1f | %d | %d |%n", r.route(),
						r.mode().equals("open") ? r.offered() + "/s" : r.offered() + " conns", row.instances(), row.deliveredRate(),
						row.deliveredRate() / one.deliveredRate(), fmt(row.perMessage(row.serviceCpuMs()), 3), fmt(row.perMessage(row.dbCpuMs()), 3),
						row.jdbc().known() ? fmt(row.perMessage(row.jdbc().commits()), 2) : "–",
						row.jdbc().known() ? fmt(row.perMessage(row.jdbc().statements()), 2) : "–", r.p50(), r.p99(), r.repeats(), r.undelivered());
			}
		}
	}

	private static String fmt(double value, int decimals) {
		return value < 0 ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	/** A phase of the runner, which returns once its drain is over. */
	interface Phase {

		Result run() throws Exception;

	}

	private static CostRow window(int instances, List<Service> apps, Database db, Phase phase) throws Exception {
		Meter before = Meter.take(apps, db);
		Result result = phase.run();
		Meter after = Meter.take(apps, db);
		if (result.undelivered() > 0) {
			System.err.println("  " + result.route() + ": " + result.undelivered() + " messages answered 202 were not delivered when the drain gave up");
		}
		if (result.repeats() > 0) {
			// allowed (a message delivered twice under its own Idempotency-Key), but the figure says so
			System.err.println("  " + result.route() + ": " + result.repeats() + " deliveries repeated a message already delivered");
		}
		return CostRow.of(instances, result, before, after);
	}

	/**
	 * The service with no traffic for a while: what it spends on its own (dispatcher polls, contract reloads, metrics,
	 * H2 housekeeping), which every route's window carries too and which weighs more per message at a low rate.
	 */
	private static String idle(List<Service> apps, Database db, int seconds) throws InterruptedException {
		Meter before = Meter.take(apps, db);
		Thread.sleep(seconds * 1000L);
		Meter after = Meter.take(apps, db);
		double window = (after.nanos() - before.nanos()) / 1e9;
		JdbcCount jdbc = after.jdbc().minus(before.jdbc());
		String line = String.format(Locale.ROOT,
				"%.0f s with no traffic: service CPU %.1f %% of a core (%.1f ms/s)%s, %.1f commits/s, %.1f statements/s; load average %s",
				window, 100 * (after.serviceCpu() - before.serviceCpu()) / 1e6 / (window * 1000), (after.serviceCpu() - before.serviceCpu()) / 1e6 / window,
				before.dbCpu() < 0 ? "" : String.format(Locale.ROOT, ", DB server %.1f ms/s", (after.dbCpu() - before.dbCpu()) / 1e6 / window),
				jdbc.commits() / window, jdbc.statements() / window, Runner.loadAvg());
		System.out.println();
		System.out.println("idle: " + line);
		return line;
	}

	private static void ratio(List<CostRow> closed) {
		CostRow g = closed.stream().filter(r -> r.result().route().equals("guarded")).findFirst().orElse(null);
		CostRow f = closed.stream().filter(r -> r.result().route().equals("forward")).findFirst().orElse(null);
		if (g == null || f == null) {
			return;
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "saturation, guarded/forward (target ≥ 50 %%): answered 202 %.0f vs %.0f msg/s = %.0f %%; delivered over "
				+ "the window (drain included) %.0f vs %.0f msg/s = %.0f %%; service CPU per delivered message %.1f×%n", g.result().throughput(),
				f.result().throughput(), 100 * g.result().throughput() / f.result().throughput(), g.deliveredRate(), f.deliveredRate(),
				100 * g.deliveredRate() / f.deliveredRate(), g.perMessage(g.serviceCpuMs()) / f.perMessage(f.serviceCpuMs()));
	}
}
