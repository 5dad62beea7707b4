package dev.handoff.bench.load;

import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;

/**
 * A soak's time to 202 per interval (p50, p99, p99.9 and max) over its minutes, on a log scale: the first minute and
 * a stall are seconds, the steady state a few ms, and both have to be read off one chart against the 25 ms target.
 */
final class SoakLatencyChart {

	/** Issue 9: p99 time to 202 at 500 msg/s. */
	static final double TARGET_MS = 25;

	private SoakLatencyChart() {
	}

	static JFreeChart of(String name, List<LatencyInterval> rows) {
		double[] x = rows.stream().mapToDouble(r -> r.middle() / 60).toArray();
		Lines lines = new Lines(true).add("p50", x, LatencyInterval.values(rows, LatencyInterval::p50), Charts.GREEN, Lines.Style.SOLID)
			.add("p99", x, LatencyInterval.values(rows, LatencyInterval::p99), Charts.RED, Lines.Style.MAIN)
			.add("p99.9", x, LatencyInterval.values(rows, LatencyInterval::p999), Charts.BLUE, Lines.Style.SOLID)
			.add("max", x, LatencyInterval.values(rows, LatencyInterval::max), Charts.BLACK, Lines.Style.DASHED);
		double end = rows.get(rows.size() - 1).to() / 60;
		XYPlot plot = Charts.plot(Charts.time("minutes since the first message was due (each point: one interval, at its middle)", end, 1),
				Charts.logMs("time to 202 (ms, log scale)", Math.min(lines.low(), TARGET_MS), Math.max(lines.high(), TARGET_MS)));
		lines.into(plot, 0);
		Charts.threshold(plot, TARGET_MS, "target p99: 25 ms", Charts.RED, false);
		LatencyInterval first = rows.get(0);
		return Charts.chart(String.format(Locale.ROOT, "%s, %s: time to 202 per %.0f s at %.0f msg/s, by due time", name, first.day(),
				first.to() - first.from(), first.rate()), plot);
	}
}
