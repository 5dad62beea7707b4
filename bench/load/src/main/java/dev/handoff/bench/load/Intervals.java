package dev.handoff.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Time to 202 of an open-loop phase cut into intervals by each message's due time, not its answer time: a stall then
 * shows in the interval whose messages waited, however late their answers came. One HdrHistogram per interval, and a
 * per-second maximum so the slowest seconds can be put beside the GC log and the JFR recording. A message is counted
 * "behind" when its answer came more than {@link #BEHIND_MICROS} after it was due: by then the queue of due messages,
 * not the service's own work, is what the sender waits for.
 */
final class Intervals {

	/** 1 s: ten times the cold-start target for p99 and forty times the steady one. */
	static final long BEHIND_MICROS = 1_000_000;

	private final int seconds;

	private final Histogram[] buckets;

	private final long[] behind;

	private final long[] secondMax;

	private final long[] secondCount;

	private long startNanos;

	private long startEpochMillis;

	/** @param seconds length of one interval; @param phaseSeconds length of the phase */
	Intervals(int seconds, int phaseSeconds) {
		this.seconds = seconds;
		int n = (phaseSeconds + seconds - 1) / seconds;
		this.buckets = new Histogram[n];
		for (int i = 0; i < n; i++) {
			buckets[i] = new Histogram(3_600_000_000L, 3);
		}
		this.behind = new long[n];
		this.secondMax = new long[phaseSeconds];
		this.secondCount = new long[phaseSeconds];
	}

	/** The phase's time zero: the due time of its first message, on the nanosecond clock and the wall clock. */
	synchronized void start(long nanos) {
		this.startNanos = nanos;
		this.startEpochMillis = System.currentTimeMillis() + (nanos - System.nanoTime()) / 1_000_000;
	}

	synchronized long startNanos() {
		return startNanos;
	}

	synchronized long startEpochMillis() {
		return startEpochMillis;
	}

	/** One answer: the message due at {@code dueNanos} took {@code micros} to its 202 (or its error). */
	synchronized void record(long dueNanos, long micros) {
		int second = (int) Math.min(secondMax.length - 1, Math.max(0, (dueNanos - startNanos) / 1_000_000_000L));
		int bucket = second / seconds;
		buckets[bucket].recordValue(micros);
		if (micros > BEHIND_MICROS) {
			behind[bucket]++;
		}
		secondMax[second] = Math.max(secondMax[second], micros);
		secondCount[second]++;
	}

	/** One row per interval. */
	synchronized List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < buckets.length; i++) {
			Histogram h = buckets[i];
			rows.add(new Row(i * seconds, Math.min((i + 1) * seconds, secondMax.length), h.getTotalCount(), ms(h, 50), ms(h, 99), ms(h, 99.9),
					h.getMaxValue() / 1000.0, behind[i]));
		}
		return rows;
	}

	/** The {@code n} seconds whose slowest message took longest, slowest first: second from the start and that maximum in ms. */
	synchronized List<double[]> slowestSeconds(int n) {
		List<double[]> all = new ArrayList<>();
		for (int s = 0; s < secondMax.length; s++) {
			if (secondCount[s] > 0) {
				all.add(new double[] { s, secondMax[s] / 1000.0 });
			}
		}
		all.sort((a, b) -> Double.compare(b[1], a[1]));
		return all.subList(0, Math.min(n, all.size()));
	}

	/**
	 * Writes the intervals ({@code <name>.csv}: from and to in seconds since the phase's first due message, its wall-clock
	 * start, and the service's uptime then, so rows line up with the GC log's uptime) and the per-second maxima
	 * ({@code <name>-seconds.csv}).
	 */
	synchronized void write(Path out, String name, double uptimeAtStart) throws java.io.IOException {
		List<String> csv = new ArrayList<>();
		csv.add("from_s,to_s,start_utc,service_uptime_s,count,p50_ms,p99_ms,p999_ms,max_ms,behind");
		for (Row r : rows()) {
			csv.add(String.format(Locale.ROOT, "%d,%d,%s,%.1f,%d,%.2f,%.2f,%.2f,%.2f,%d", r.from(), r.to(),
					java.time.Instant.ofEpochMilli(startEpochMillis + r.from() * 1000L), uptimeAtStart + r.from(), r.count(), r.p50(), r.p99(), r.p999(),
					r.max(), r.behind()));
		}
		Files.write(out.resolve(name + ".csv"), csv);
		List<String> perSecond = new ArrayList<>();
		perSecond.add("second,start_utc,service_uptime_s,count,max_ms");
		for (int s = 0; s < secondMax.length; s++) {
			perSecond.add(String.format(Locale.ROOT, "%d,%s,%.1f,%d,%.2f", s, java.time.Instant.ofEpochMilli(startEpochMillis + s * 1000L),
					uptimeAtStart + s, secondCount[s], secondMax[s] / 1000.0));
		}
		Files.write(out.resolve(name + "-seconds.csv"), perSecond);
	}

	static String tableHeader() {
		return "| due in s | messages | p50 ms | p99 ms | p99.9 ms | max ms | behind (> 1 s) |\n|---|---:|---:|---:|---:|---:|---:|";
	}

	private static double ms(Histogram h, double percentile) {
		return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
	}

	/** One interval's figures, times in ms. */
	record Row(int from, int to, long count, double p50, double p99, double p999, double max, long behind) {

		String row() {
			return String.format(Locale.ROOT, "| %d–%d | %d | %.1f | %.1f | %.1f | %.1f | %d |", from, to, count, p50, p99, p999, max, behind);
		}
	}
}
