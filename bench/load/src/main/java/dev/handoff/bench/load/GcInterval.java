package dev.handoff.bench.load;

import java.util.List;

/**
 * What the collector did in one latency interval, from {@code gc-pauses.csv}: the pauses that began in it (as
 * {@link GcLog} counts them for gc-summary.md, so the plot and the table agree), their total and the longest, the
 * part spent in the full GCs the soak itself asks for (jcmd GC.run, not the service's own doing), and the lowest and
 * highest heap after a young pause (NaN without one). Times in ms, heap in MiB.
 */
record GcInterval(LatencyInterval interval, int pauses, double totalMs, double longestMs, double askedFullMs, double lowestYoungAfter,
		double highestYoungAfter) {

	/** GcLog writes the pause's kind as the log names it: "Pause Full (Diagnostic Command)" is jcmd's GC.run. */
	private static final String ASKED_FULL = "Pause Full (Diagnostic Command)";

	static GcInterval of(LatencyInterval interval, List<GcLog.Pause> all) {
		double start = interval.uptime();
		double end = start + interval.to() - interval.from();
		int n = 0;
		double total = 0, longest = 0, asked = 0, low = Double.NaN, high = Double.NaN;
		for (GcLog.Pause p : all) {
			if (p.began() < start || p.began() >= end) {
				continue;
			}
			n++;
			total += p.ms();
			longest = Math.max(longest, p.ms());
			if (p.kind().equals(ASKED_FULL)) {
				asked += p.ms();
			}
			if (p.kind().startsWith("Pause Young")) {
				low = Double.isNaN(low) ? p.after() : Math.min(low, p.after());
				high = Double.isNaN(high) ? p.after() : Math.max(high, p.after());
			}
		}
		return new GcInterval(interval, n, total, longest, asked, low, high);
	}
}
