package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One row of {@code soak-latency.csv} ({@link Intervals#write}) as the plots read it: seconds since the first message
 * was due, the interval's wall-clock start, the service's uptime then (to line it up with the GC log), messages due in
 * it and time to 202 in ms. {@code max} is NaN when the file has no max_ms column.
 */
record LatencyInterval(double from, double to, String startUtc, double uptime, double count, double p50, double p99, double p999, double max) {

	static List<LatencyInterval> read(Path file) throws IOException {
		Csv csv = Csv.read(file);
		String[] start = csv.texts("start_utc");
		double[] from = csv.numbers("from_s"), to = csv.numbers("to_s"), uptime = csv.numbers("service_uptime_s"), count = csv.numbers("count"),
				p50 = csv.numbers("p50_ms"), p99 = csv.numbers("p99_ms"), p999 = csv.numbers("p999_ms");
		double[] max = csv.has("max_ms") ? csv.numbers("max_ms") : null;
		List<LatencyInterval> rows = new ArrayList<>();
		for (int i = 0; i < from.length; i++) {
			rows.add(new LatencyInterval(from[i], to[i], start[i], uptime[i], count[i], p50[i], p99[i], p999[i], max == null ? Double.NaN : max[i]));
		}
		if (rows.isEmpty()) {
			throw new IllegalArgumentException(file + ": no intervals, only a header");
		}
		return rows;
	}

	/** One figure of every interval, in order: a line of a chart. */
	static double[] values(List<LatencyInterval> rows, ToDoubleFunction<LatencyInterval> figure) {
		return rows.stream().mapToDouble(figure).toArray();
	}

	/** The day the interval began (start_utc is ISO-8601), for a chart's title. */
	String day() {
		return startUtc.length() >= 10 ? startUtc.substring(0, 10) : startUtc;
	}

	/** Where the interval is drawn: at its middle, since its figures are for every message due in it. */
	double middle() {
		return (from + to) / 2;
	}

	/** Offered rate: in an open loop every due message is counted, so this is exact. */
	double rate() {
		return count / (to - from);
	}

	/** The service's uptime when the phase's first message was due: GC log uptimes minus this give phase seconds. */
	double uptimeAtPhaseStart() {
		return uptime - from;
	}
}
