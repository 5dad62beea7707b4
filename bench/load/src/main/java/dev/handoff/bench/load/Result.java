package dev.handoff.bench.load;

import java.util.Locale;
import java.util.Map;

/**
 * One phase of the load benchmark: a route driven at a rate (open loop) or by a number of connections as fast as
 * they go (closed loop). Times in milliseconds, memory in MiB.
 */
record Result(String route, String mode, int offered, int seconds, int sent, int accepted, int errors, Map<Integer, Integer> statuses,
		double throughput, double p50, double p99, double p999, double max, int delivered, int undelivered, int repeats, double dp50,
		double dp99, double dp999, double dmax, double drainSeconds, double heapMib, double heapAfterGcMib, double rssMib, String loadStart,
		String loadEnd) {

	static final String CSV_HEADER = "route,mode,offered,seconds,sent,accepted,errors,throughput,p50_ms,p99_ms,p999_ms,max_ms,delivered,"
			+ "undelivered,repeats,delivery_p50_ms,delivery_p99_ms,delivery_p999_ms,delivery_max_ms,drain_s,heap_mib,heap_after_gc_mib,rss_mib,"
			+ "load_start,load_end";

	String csv() {
		return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%d,%.1f,%.2f,%.2f,%.2f,%.2f,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%.1f,%.0f,%.0f,%.0f,%s,%s",
				route, mode, offered, seconds, sent, accepted, errors, throughput, p50, p99, p999, max, delivered, undelivered, repeats, dp50, dp99,
				dp999, dmax, drainSeconds, heapMib, heapAfterGcMib, rssMib, loadStart.replace(' ', '/'), loadEnd.replace(' ', '/'));
	}

	String row() {
		return String.format(Locale.ROOT, "| %s | %s %d | %d | %d | %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %.0f | %.0f | %.0f | %s → %s |",
				route, mode.equals("open") ? "rate" : "conns", offered, sent, accepted, errors == 0 ? "0" : errors + " " + statuses, throughput, p50,
				p99, p999, max, dp50, dp99, dp999, undelivered, heapMib, heapAfterGcMib, rssMib, loadStart, loadEnd);
	}

	static String tableHeader() {
		return "| route | offered | sent | 202 | errors | msg/s | p50 | p99 | p99.9 | max | deliv. p50 | deliv. p99 | deliv. p99.9 | undelivered "
				+ "| heap MiB | heap after GC | RSS MiB | load avg (1/5/15) start → end |\n"
				+ "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";
	}
}
