package dev.handoff.bench.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;

/**
 * A soak's heap after GC (above) and the GC pauses per interval (below) on one time axis, so a growing heap or a
 * slow minute can be put beside what the collector did then.
 *
 * The heap is the one the soak measures itself, right after the full GC it asks for every minute (soak.csv's
 * heap_after_gc_mib): the live set, what a leak would raise. A run without those (--full-gc 0) has only the GC log,
 * whose heap after a young pause still holds the old generation's garbage; its lowest and highest per interval are
 * drawn instead, as gc-summary.md gives them.
 */
final class SoakHeapChart {

	private SoakHeapChart() {
	}

	/**
	 * @param fullGc soak.csv's seconds and heap after full GC (NaN where none was asked for), or null
	 * @param gc the pauses per interval from the GC log, or null
	 */
	static JFreeChart of(String name, List<LatencyInterval> rows, double[][] fullGc, List<GcInterval> gc) {
		double[] x = rows.stream().mapToDouble(r -> r.middle() / 60).toArray();
		Lines heap = new Lines(false);
		if (fullGc != null) {
			// the sampler's clock starts a moment before the first message is due (one metrics request), close
			// enough at this scale to share the axis
			double[] minutes = Arrays.stream(fullGc[0]).map(s -> s / 60).toArray();
			heap.add("heap after the full GC the soak asks for (jcmd GC.run)", minutes, fullGc[1], Charts.PURPLE, Lines.Style.MAIN);
		}
		else if (gc != null) {
			heap.add("lowest heap after a young pause in the interval", x, gc.stream().mapToDouble(GcInterval::lowestYoungAfter).toArray(),
					Charts.PURPLE, Lines.Style.MAIN)
				.add("highest heap after a young pause in the interval", x,
						gc.stream().mapToDouble(GcInterval::highestYoungAfter).toArray(), Charts.PURPLE, Lines.Style.DASHED);
		}
		double end = rows.get(rows.size() - 1).to() / 60;
		CombinedDomainXYPlot plot = new CombinedDomainXYPlot(Charts.time("minutes since the first message was due", end, 1));
		plot.setGap(12);
		NumberAxis heapAxis = Charts.linear("heap after GC (MiB)");
		heapAxis.setAutoRangeIncludesZero(true);
		XYPlot top = Charts.plot(null, heapAxis);
		heap.into(top, 0);
		plot.add(top, 3);
		if (gc != null) {
			Lines pauses = new Lines(false)
				.add("GC pauses begun in the interval, total", x, gc.stream().mapToDouble(GcInterval::totalMs).toArray(), Charts.RED,
						Lines.Style.MAIN)
				.add("longest pause", x, gc.stream().mapToDouble(GcInterval::longestMs).toArray(), Charts.BLUE, Lines.Style.SOLID);
			if (gc.stream().anyMatch(g -> g.askedFullMs() > 0)) {
				pauses.add("of the total: the full GCs the soak asks for", x, gc.stream().mapToDouble(GcInterval::askedFullMs).toArray(),
						Charts.GREY, Lines.Style.DASHED);
			}
			NumberAxis pauseAxis = Charts.linear("GC pause (ms)");
			pauseAxis.setAutoRangeIncludesZero(true);
			XYPlot bottom = Charts.plot(null, pauseAxis);
			pauses.into(bottom, 0);
			plot.add(bottom, 2);
		}
		LatencyInterval first = rows.get(0);
		return Charts.chart(String.format(Locale.ROOT, "%s, %s: heap after GC and GC pauses per %.0f s", name, first.day(),
				first.to() - first.from()), plot);
	}
}
