package dev.handoff.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a delivered message costs the service (issue 17): for each route, one open-loop window at a fixed rate and
 * one closed-loop window at saturation, each from its first message to the end of its drain, with the service's
 * CPU time, the database server's (PostgreSQL only; H2 is inside the service), this tool's, and the service's JDBC
 * commits and statements over it, all divided by the messages delivered. Run it on two jars back to back (--jar) to
 * compare a change. The forward route touches no database: its counts are the background (dispatcher polls,
 * housekeeping) that every route's window carries too.
 */
final class Cost {

	static final String HOW_COUNTED = "How it counts: CPU is the service process's user + system time (/proc, 10 ms ticks) from the window's "
			+ "first message to the last delivery (the drain included), divided by messages delivered; \"% of a core\" is that CPU over the "
			+ "window's wall time. DB server CPU is PostgreSQL's postmaster and all its processes (H2 runs inside the service: –). "
			+ "The load tool (generator + receiver) shares the same cores. Commits are Connection.commit() calls that returned plus "
			+ "statements executed while their connection was in auto-commit mode (one per execute call; the executeQuery calls among them, \"reads\", "
			+ "write nothing); statements are every execute* "
			+ "call on Statement/PreparedStatement/CallableStatement, a batch counted once (its commands are in the CSV's batch_rows). "
			+ "Counted by a proxy around the service's DataSource (bench/app), which costs the service a little CPU on every route.";

	private Cost() {
	}

	static void run(Service app, Runner runner, Database db, List<String> routes, int seconds, int rate, int saturate, int connections,
			int idle, Path out) throws Exception {
		runner.sampleMemory(false);
		if (idle > 0) {
			Files.writeString(out.resolve("idle.txt"), idle(app, db, idle) + "\n");
		}
		List<CostRow> open = new ArrayList<>();
		System.out.println();
		System.out.println("cost: " + seconds + " s at " + rate + " msg/s per route, open loop, on " + db);
		System.out.println(CostRow.tableHeader());
		for (String route : routes) {
			CostRow row = window(app, db, () -> runner.open(route, LoadBench.PATHS.get(route), rate, seconds));
			System.out.println(row.row());
			open.add(row);
		}
		List<CostRow> closed = new ArrayList<>();
		if (saturate > 0) {
			System.out.println();
			System.out.println("saturation: " + saturate + " s with " + connections + " connections per route, closed loop");
			System.out.println(CostRow.tableHeader());
			for (String route : routes) {
				CostRow row = window(app, db, () -> runner.closed(route, LoadBench.PATHS.get(route), connections, saturate));
				System.out.println(row.row());
				closed.add(row);
			}
		}
		ratio(closed);
		System.out.println();
		System.out.println(HOW_COUNTED);
		List<String> csv = new ArrayList<>();
		csv.add(CostRow.CSV_HEADER);
		open.forEach(r -> csv.add(r.csv()));
		closed.forEach(r -> csv.add(r.csv()));
		Files.write(out.resolve("cost.csv"), csv);
	}

	/** A phase of the runner, which returns once its drain is over. */
	interface Phase {

		Result run() throws Exception;

	}

	private static CostRow window(Service app, Database db, Phase phase) throws Exception {
		Meter before = Meter.take(app, db);
		Result result = phase.run();
		Meter after = Meter.take(app, db);
		if (result.undelivered() > 0) {
			System.err.println("  " + result.route() + ": " + result.undelivered() + " messages answered 202 were not delivered when the drain gave up");
		}
		return CostRow.of(result, before, after);
	}

	/**
	 * The service with no traffic for a while: what it spends on its own (dispatcher polls, contract reloads, metrics,
	 * H2 housekeeping), which every route's window carries too and which weighs more per message at a low rate.
	 */
	private static String idle(Service app, Database db, int seconds) throws InterruptedException {
		Meter before = Meter.take(app, db);
		Thread.sleep(seconds * 1000L);
		Meter after = Meter.take(app, db);
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
