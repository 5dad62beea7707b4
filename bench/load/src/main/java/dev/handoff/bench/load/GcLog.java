package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the service's GC log ({@code -Xlog:gc*:file=gc.log:time,uptime,level,tags}) after a run: the pauses by kind
 * (count, total, longest), every pause over 20 ms with its wall-clock time and uptime, and, given the run's
 * intervals ({@code soak-latency.csv}, whose rows carry the service's uptime), the pauses and the heap after GC in each
 * interval beside its p99, so a slow interval can be put next to what the collector did in it.
 *
 * Usage: {@code java -cp load.jar dev.handoff.bench.load.GcLog gc.log [soak-latency.csv]}
 */
final class GcLog {

	/** Pauses longer than this are listed one by one: most of the 25 ms target. */
	static final double LONG_PAUSE_MS = 20;

	/** "[2026-12-06T22:15:01.123+0000][12.345s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 100M->20M(1024M) 5.123ms" */
	private static final Pattern PAUSE = Pattern
		.compile("^\\[([^\\]]+)\\]\\[([0-9.]+)s\\]\\[info\\s*\\]\\[gc\\s*\\] GC\\((\\d+)\\) (Pause .*?) (\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

	private GcLog() {
	}

	/** One stop-the-world pause: uptime in s when it ended (the line is logged then), heap before and after in MiB, length in ms. */
	record Pause(String time, double uptime, int id, String kind, int before, int after, int committed, double ms) {

		/** Uptime in s when the pause began: a pause belongs to the interval whose messages it held up. */
		double began() {
			return uptime - ms / 1000;
		}
	}

	static List<Pause> read(Path log) throws IOException {
		List<Pause> pauses = new ArrayList<>();
		for (String line : Files.readAllLines(log)) {
			Matcher m = PAUSE.matcher(line);
			if (m.find()) {
				pauses.add(new Pause(m.group(1), Double.parseDouble(m.group(2)), Integer.parseInt(m.group(3)), m.group(4),
						Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)), Double.parseDouble(m.group(8))));
			}
		}
		return pauses;
	}

	/** The pauses back from {@code gc-pauses.csv} as {@link #main} writes it, read by column name. */
	static List<Pause> readCsv(Path file) throws IOException {
		Csv csv = Csv.read(file);
		String[] time = csv.texts("utc"), kind = csv.texts("kind");
		double[] uptime = csv.numbers("uptime_s"), id = csv.numbers("gc"), before = csv.numbers("before_mib"), after = csv.numbers("after_mib"),
				committed = csv.numbers("committed_mib"), ms = csv.numbers("pause_ms");
		List<Pause> pauses = new ArrayList<>();
		for (int i = 0; i < time.length; i++) {
			pauses.add(new Pause(time[i], uptime[i], (int) id[i], kind[i], (int) before[i], (int) after[i], (int) committed[i], ms[i]));
		}
		return pauses;
	}

	public static void main(String[] args) throws IOException {
		List<Pause> pauses = read(Path.of(args[0]));
		// beside the log, for the plots: heap after each pause over the uptime
		List<String> csv = new ArrayList<>();
		csv.add("utc,uptime_s,gc,kind,before_mib,after_mib,committed_mib,pause_ms");
		pauses.forEach(p -> csv.add(String.format(Locale.ROOT, "%s,%.3f,%d,%s,%d,%d,%d,%.3f", p.time(), p.uptime(), p.id(), p.kind().replace(',', ';'),
				p.before(), p.after(), p.committed(), p.ms())));
		Files.write(Path.of(args[0]).resolveSibling("gc-pauses.csv"), csv);
		System.out.println("GC log " + args[0] + ": " + pauses.size() + " pauses");
		System.out.println();
		System.out.println("| kind | count | total ms | max ms |");
		System.out.println("|---|---:|---:|---:|");
		Map<String, double[]> kinds = new TreeMap<>();
		for (Pause p : pauses) {
			double[] k = kinds.computeIfAbsent(p.kind(), x -> new double[3]);
			k[0]++;
			k[1] += p.ms();
			k[2] = Math.max(k[2], p.ms());
		}
		kinds.forEach((kind, k) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f |%n", kind, k[0], k[1], k[2]));
		System.out.println();
		System.out.println("pauses over " + (int) LONG_PAUSE_MS + " ms:");
		System.out.println();
		System.out.println("| time | uptime s | GC | kind | heap MiB before → after (committed) | ms |");
		System.out.println("|---|---:|---:|---|---|---:|");
		for (Pause p : pauses) {
			if (p.ms() > LONG_PAUSE_MS) {
				System.out.printf(Locale.ROOT, "| %s | %.1f | %d | %s | %d → %d (%d) | %.1f |%n", p.time(), p.uptime(), p.id(), p.kind(), p.before(),
						p.after(), p.committed(), p.ms());
			}
		}
		if (args.length > 1) {
			byInterval(pauses, Path.of(args[1]));
		}
	}

	/** Each interval of the run's latency CSV with the pauses that began in it and the heap after them. */
	private static void byInterval(List<Pause> pauses, Path intervals) throws IOException {
		List<String> lines = Files.readAllLines(intervals);
		List<String> header = List.of(lines.get(0).split(","));
		int from = header.indexOf("from_s"), to = header.indexOf("to_s"), uptime = header.indexOf("service_uptime_s"),
				p99 = header.indexOf("p99_ms"), max = header.indexOf("max_ms"), behind = header.indexOf("behind");
		System.out.println();
		System.out.println("by interval of the run (pauses that began in it, by the service's uptime):");
		System.out.println();
		System.out.println("| due in s | p99 ms | max ms | behind | pauses | pause total ms | longest ms (kind) | heap after GC MiB min–max |");
		System.out.println("|---|---:|---:|---:|---:|---:|---|---|");
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			double start = Double.parseDouble(f[uptime]);
			double end = start + Double.parseDouble(f[to]) - Double.parseDouble(f[from]);
			int n = 0;
			double total = 0;
			Pause longest = null;
			int low = Integer.MAX_VALUE, high = 0;
			for (Pause p : pauses) {
				if (p.began() >= start && p.began() < end) {
					n++;
					total += p.ms();
					longest = longest == null || p.ms() > longest.ms() ? p : longest;
					low = Math.min(low, p.after());
					high = Math.max(high, p.after());
				}
			}
			System.out.printf(Locale.ROOT, "| %s–%s | %s | %s | %s | %d | %.1f | %s | %s |%n", f[from], f[to], f[p99], f[max], f[behind], n, total,
					longest == null ? "" : String.format(Locale.ROOT, "%.1f (%s)", longest.ms(), longest.kind()),
					n == 0 ? "" : low + "–" + high);
		}
	}
}
