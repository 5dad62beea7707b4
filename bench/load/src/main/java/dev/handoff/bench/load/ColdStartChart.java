package dev.handoff.bench.load;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

/**
 * The cold starts side by side: time to 202 per interval (p99 solid, p50 dashed, max dotted) for each run, one colour
 * a run, on a log scale, with the 100 ms target and the 1 s past which a message counts as behind. Runs are told
 * apart by their folder's name (plain, fast-start, plain-run2 …).
 */
final class ColdStartChart {

	/** Issue 17, item 3: p99 time to 202 once the service is ready. */
	static final double TARGET_MS = 100;

	private ColdStartChart() {
	}

	/** @param runs each run's intervals by folder name, in the order to draw them */
	static JFreeChart of(Map<String, List<LatencyInterval>> runs) {
		Lines lines = new Lines(true);
		int run = 0;
		double end = 0;
		for (Map.Entry<String, List<LatencyInterval>> e : runs.entrySet()) {
			List<LatencyInterval> rows = e.getValue();
			Color colour = Charts.RUNS[run++ % Charts.RUNS.length];
			double[] x = rows.stream().mapToDouble(LatencyInterval::middle).toArray();
			lines.add(e.getKey() + " p99", x, LatencyInterval.values(rows, LatencyInterval::p99), colour, Lines.Style.MAIN)
				.add(e.getKey() + " p50", x, LatencyInterval.values(rows, LatencyInterval::p50), colour, Lines.Style.DASHED)
				.add(e.getKey() + " max", x, LatencyInterval.values(rows, LatencyInterval::max), colour, Lines.Style.DOTTED);
			end = Math.max(end, rows.get(rows.size() - 1).to());
		}
		double behind = Intervals.BEHIND_MICROS / 1000.0;
		XYPlot plot = Charts.plot(Charts.time("seconds since the first message was due, no warm-up (each point: one interval, at its middle)", end, 10),
				Charts.logMs("time to 202 (ms, log scale)", Math.min(lines.low(), TARGET_MS), Math.max(lines.high(), behind)));
		lines.into(plot, 0);
		Charts.threshold(plot, TARGET_MS, "target p99: 100 ms", Charts.BLACK, true);
		Charts.threshold(plot, behind, "behind: answered over 1 s after due", Charts.GREY, true);
		LatencyInterval first = runs.values().iterator().next().get(0);
		// the runs may come from several days: name them all, in order
		String days = runs.values().stream().map(intervals -> intervals.get(0).day()).distinct().sorted()
				.collect(java.util.stream.Collectors.joining(", "));
		return Charts.chart(String.format(Locale.ROOT, "Cold start, %s: time to 202 per %.0f s at %.0f msg/s, by due time",
				days, first.to() - first.from(), first.rate()), plot);
	}
}
