package dev.handoff.bench.load;

import java.util.Locale;

/**
 * One route's window in the cost mode: the phase's result (messages, latencies, load average) and what the meters
 * read between its start and the end of its drain (every message answered 202 delivered, or the wait given up),
 * summed over the {@code instances} of the service that shared the load. CPU in milliseconds; -1 (shown as –) where
 * a figure is unknown.
 */
record CostRow(int instances, Result result, double windowSeconds, double serviceCpuMs, double dbCpuMs, double toolCpuMs, JdbcCount jdbc) {

	static final String CSV_HEADER = "instances,route,mode,offered,sent,accepted,errors,achieved_msg_s,delivered,undelivered,repeats,window_s,delivered_msg_s,service_cpu_ms,"
			+ "service_cpu_ms_per_msg,service_cpu_pct_one_core,db_cpu_ms,db_cpu_ms_per_msg,load_tool_cpu_pct_one_core,commits,explicit_commits,"
			+ "auto_commits,auto_commit_queries,rollbacks,statements,batches,batch_rows,connections,commits_per_msg,statements_per_msg,p50_ms,p99_ms,load_start,load_end";

	static CostRow of(int instances, Result result, Meter before, Meter after) {
		double window = (after.nanos() - before.nanos()) / 1e9;
		return new CostRow(instances, result, window, ms(before.serviceCpu(), after.serviceCpu()), ms(before.dbCpu(), after.dbCpu()),
				ms(before.toolCpu(), after.toolCpu()), after.jdbc().minus(before.jdbc()));
	}

	private static double ms(long before, long after) {
		return before < 0 || after < 0 ? -1 : (after - before) / 1e6;
	}

	/** Per message delivered: the work is only done once the message reached the receiver. */
	double perMessage(double value) {
		return value < 0 || result.delivered() == 0 ? -1 : value / result.delivered();
	}

	/**
	 * Messages delivered per second of the window. At saturation the stored route answers 202 faster than it delivers
	 * (the outbox fills, then drains after the last answer), so this, not the 202 rate, is what it sustains end to end.
	 */
	double deliveredRate() {
		return result.delivered() / windowSeconds;
	}

	/** Percent of one core over the window. */
	double percentOfCore(double cpuMs) {
		return cpuMs < 0 ? -1 : 100 * cpuMs / (windowSeconds * 1000);
	}

	static String tableHeader() {
		return "| instances | route | offered | achieved msg/s (202) | 202 | delivered | repeats | window s | delivered msg/s (window) | service CPU ms/msg | service CPU % of a core | DB server CPU ms/msg "
				+ "| load tool CPU % | commits/msg | of which commit() | of which auto-commit (reads) | statements/msg | p50 to 202 ms | p99 to 202 ms "
				+ "| load avg start → end |\n" + "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";
	}

	String row() {
		Result r = result;
		return String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %d | %d | %d | %.1f | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %.1f | %s → %s |", instances, r.route(),
				r.mode().equals("open") ? r.offered() + "/s" : r.offered() + " conns", r.throughput(), r.accepted(), r.delivered(), r.repeats(), windowSeconds,
				deliveredRate(), fmt(perMessage(serviceCpuMs), 3), fmt(percentOfCore(serviceCpuMs), 0), fmt(perMessage(dbCpuMs), 3),
				fmt(percentOfCore(toolCpuMs), 0), jdbc.known() ? fmt(perMessage(jdbc.commits()), 2) : "–",
				jdbc.known() ? fmt(perMessage(jdbc.explicitCommits()), 2) : "–",
				jdbc.known() ? fmt(perMessage(jdbc.autoCommits()), 2) + " (" + fmt(perMessage(jdbc.autoCommitQueries()), 2) + ")" : "–",
				jdbc.known() ? fmt(perMessage(jdbc.statements()), 2) : "–", r.p50(), r.p99(), r.loadStart(), r.loadEnd());
	}

	String csv() {
		Result r = result;
		return String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%d,%d,%.1f,%d,%d,%d,%.2f,%.1f,%.0f,%.4f,%.1f,%.0f,%.4f,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.3f,%.3f,%.2f,%.2f,%s,%s",
				instances, r.route(), r.mode(), r.offered(), r.sent(), r.accepted(), r.errors(), r.throughput(), r.delivered(), r.undelivered(), r.repeats(),
				windowSeconds,
				deliveredRate(), serviceCpuMs, perMessage(serviceCpuMs), percentOfCore(serviceCpuMs), dbCpuMs, perMessage(dbCpuMs), percentOfCore(toolCpuMs),
				jdbc.commits(), jdbc.explicitCommits(), jdbc.autoCommits(), jdbc.autoCommitQueries(), jdbc.rollbacks(), jdbc.statements(), jdbc.batches(), jdbc.batchRows(),
				jdbc.connections(), perMessage(jdbc.commits()), perMessage(jdbc.statements()), r.p50(), r.p99(), r.loadStart().replace(' ', '/'),
				r.loadEnd().replace(' ', '/'));
	}

	private static String fmt(double value, int decimals) {
		return value < 0 ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
	}
}
