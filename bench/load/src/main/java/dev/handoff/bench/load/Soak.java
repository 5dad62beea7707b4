package dev.handoff.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory and the tail over a long run at a steady rate: every 10 s the heap in use and the RSS, every {@code fullGc}
 * seconds (60 by default; 0 for never) the heap right after a full GC asked for with jcmd (what the service really
 * keeps; that GC is a stop-the-world pause of the service, which the GC log shows as "Pause Full (Diagnostic
 * Command)"). A least-squares slope over the run after its first two minutes says whether it grows. Time to 202 is
 * cut into intervals by due time ({@link Intervals}: per minute for the soak, per 10 s for a cold start), written to
 * soak-latency.csv with the service's uptime at each, to be put beside its GC log and JFR recording.
 */
final class Soak {

	private Soak() {
	}

	static void run(Service app, Runner runner, int seconds, int rate, int interval, int fullGc, Path out) throws Exception {
		List<double[]> samples = new ArrayList<>();
		long start = System.nanoTime();
		Thread sampler = new Thread(() -> {
			try {
				for (int tick = 0;; tick++) {
					Thread.sleep(10_000);
					double t = (System.nanoTime() - start) / 1e9;
					// at 60 s, 120 s, ... with the default, as before
					double afterGc = fullGc >= 10 && (tick + 1) % (fullGc / 10) == 0 ? app.heapAfterGcMib() : Double.NaN;
					synchronized (samples) {
						samples.add(new double[] { t, app.heapUsedMib(), afterGc, app.rssMib() });
					}
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}, "soak-sampler");
		sampler.setDaemon(true);
		sampler.start();
		System.out.println("soak: " + seconds + " s at " + rate + " msg/s on the guarded edge, load average " + Runner.loadAvg() + "; intervals of "
				+ interval + " s; " + (fullGc > 0 ? "a full GC (jcmd GC.run) every " + fullGc + " s for the heap after GC" : "no full GC asked for"));
		Intervals cut = new Intervals(interval, seconds);
		runner.intervals(cut);
		// the service's uptime against this JVM's clock, to give each interval the uptime of the GC log; read at the
		// middle of the request (a cold service may take a while to answer its first metrics request)
		long asked = System.nanoTime();
		double uptimeAt = app.uptimeSeconds();
		long answered = System.nanoTime();
		long clockAt = asked + (answered - asked) / 2;
		System.out.printf(Locale.ROOT, "service uptime %.3f s (read within %.0f ms)%n", uptimeAt, (answered - asked) / 1e6);
		Result r = runner.open("guarded", LoadBench.PATHS.get("guarded"), rate, seconds);
		sampler.interrupt();
		sampler.join();
		System.out.println(Result.tableHeader());
		System.out.println(r.row());
		double uptimeAtStart = uptimeAt + (cut.startNanos() - clockAt) / 1e9;
		System.out.println();
		System.out.printf(Locale.ROOT, "time to 202 by due time (first message due at %s, service uptime %.1f s; behind = answered over %d ms after due):%n%n",
				java.time.Instant.ofEpochMilli(cut.startEpochMillis()), uptimeAtStart, Intervals.BEHIND_MICROS / 1000);
		System.out.println(Intervals.tableHeader());
		cut.rows().forEach(row -> System.out.println(row.row()));
		cut.write(out, "soak-latency", uptimeAtStart);
		System.out.println();
		System.out.println("slowest seconds (by the slowest message due in them):");
		for (double[] s : cut.slowestSeconds(10)) {
			System.out.printf(Locale.ROOT, "  second %.0f (%s, uptime %.1f s): max %.1f ms%n", s[0],
					java.time.Instant.ofEpochMilli(cut.startEpochMillis() + (long) s[0] * 1000), uptimeAtStart + s[0], s[1]);
		}
		System.out.println();
		List<String> csv = new ArrayList<>();
		csv.add("seconds,heap_used_mib,heap_after_gc_mib,rss_mib");
		synchronized (samples) {
			for (double[] s : samples) {
				csv.add(String.format(Locale.ROOT, "%.0f,%.1f,%s,%.1f", s[0], s[1], Double.isNaN(s[2]) ? "" : String.format(Locale.ROOT, "%.1f", s[2]),
						s[3]));
			}
			System.out.printf(Locale.ROOT, "heap after full GC: slope %.2f MiB/min (first %.1f, last %.1f MiB); RSS: slope %.2f MiB/min (first %.0f, last %.0f MiB)%n",
					slope(samples, 2), first(samples, 2), last(samples, 2), slope(samples, 3), first(samples, 3), last(samples, 3));
		}
		Files.write(out.resolve("soak.csv"), csv);
		Files.write(out.resolve("soak-result.csv"), List.of(Result.CSV_HEADER, r.csv()));
	}

	/** Least-squares slope of column {@code col} against time, per minute, over samples after the first two minutes. */
	private static double slope(List<double[]> samples, int col) {
		double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
		for (double[] s : samples) {
			if (s[0] < 120 || Double.isNaN(s[col])) {
				continue;
			}
			double x = s[0] / 60;
			n++;
			sx += x;
			sy += s[col];
			sxx += x * x;
			sxy += x * s[col];
		}
		return n < 2 ? Double.NaN : (n * sxy - sx * sy) / (n * sxx - sx * sx);
	}

	private static double first(List<double[]> samples, int col) {
		return samples.stream().filter(s -> !Double.isNaN(s[col])).mapToDouble(s -> s[col]).findFirst().orElse(Double.NaN);
	}

	private static double last(List<double[]> samples, int col) {
		return samples.stream().filter(s -> !Double.isNaN(s[col])).mapToDouble(s -> s[col]).reduce((a, b) -> b).orElse(Double.NaN);
	}
}
