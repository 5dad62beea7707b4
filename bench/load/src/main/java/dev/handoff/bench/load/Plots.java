package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jfree.chart.JFreeChart;

/**
 * Draws the soak's and the cold start's charts into bench/plots/ from the CSV files the runs left under bench/results/.
 * In Java, with JFreeChart, because gnuplot (plot.sh, the older plots) is not on every machine the bench runs on and
 * load.jar is: {@code bench/run.sh plots} runs this always.
 * <ul>
 * <li>{@code soak-latency.png} and {@code soak-heap.png} for the soak in results/load/; a labelled soak ({@code run.sh
 * soak --label X} writes results/load/soak-X/) gets {@code soak-latency-X.png} and {@code soak-heap-X.png}, so the
 * unlabelled run keeps the names RESULTS.md links to whatever else is there.</li>
 * <li>{@code cold-start-latency.png}: every folder under results/cold-start/ on one chart.</li>
 * </ul>
 * A plot whose CSV is absent is skipped with a line saying so. A CSV without a column the plot reads fails that plot
 * with the file and the column; the others are still drawn, and the exit status is then 1.
 *
 * Usage: {@code java -cp load.jar dev.handoff.bench.load.Plots [results-folder] [plots-folder]}
 */
public final class Plots {

	private final Path plots;

	private int failed;

	private Plots(Path plots) {
		this.plots = plots;
	}

	public static void main(String[] args) throws IOException {
		System.setProperty("java.awt.headless", "true");
		Path results = Path.of(args.length > 0 ? args[0] : "bench/results");
		Path plots = Path.of(args.length > 1 ? args[1] : "bench/plots");
		Files.createDirectories(plots);
		Plots run = new Plots(plots);
		run.soaks(results.resolve("load"));
		run.coldStarts(results.resolve("cold-start"));
		if (run.failed > 0) {
			System.err.println("plots: " + run.failed + " plot(s) not drawn, see above");
			System.exit(1);
		}
	}

	private void soaks(Path load) throws IOException {
		List<Path> folders = withLatency(load, true);
		if (folders.isEmpty()) {
			System.out.println("plots: no soak-latency.csv in " + load + " or its folders: soak-latency.png and soak-heap.png not drawn");
		}
		for (Path folder : folders) {
			String label = folder.equals(load) ? "" : folder.getFileName().toString().replaceFirst("^soak-", "");
			String suffix = label.isEmpty() ? "" : "-" + label;
			String name = label.isEmpty() ? "Soak" : "Soak " + label;
			Path latency = folder.resolve("soak-latency.csv");
			draw("soak-latency" + suffix + ".png", () -> SoakLatencyChart.of(name, LatencyInterval.read(latency)));
			draw("soak-heap" + suffix + ".png", () -> heap(name, folder, LatencyInterval.read(latency), "soak-heap" + suffix + ".png"));
		}
	}

	/** Null (skipped) when the folder has neither the soak's own heap samples nor a GC log summary. */
	private static JFreeChart heap(String name, Path folder, List<LatencyInterval> rows, String file) throws IOException {
		double[][] fullGc = null;
		Path samples = folder.resolve("soak.csv");
		if (Files.exists(samples)) {
			Csv soak = Csv.read(samples);
			double[] after = soak.numbers("heap_after_gc_mib");
			// a run with --full-gc 0 (the cold start) writes the column empty
			if (Arrays.stream(after).anyMatch(v -> !Double.isNaN(v))) {
				fullGc = new double[][] { soak.numbers("seconds"), after };
			}
		}
		List<GcInterval> gc = null;
		Path pauses = folder.resolve("gc-pauses.csv");
		if (Files.exists(pauses)) {
			List<GcLog.Pause> all = GcLog.readCsv(pauses);
			gc = rows.stream().map(r -> GcInterval.of(r, all)).toList();
		}
		if (fullGc == null && gc == null) {
			System.out.println("plots: no heap after full GC in " + samples + " and no " + pauses + ": " + file + " not drawn");
			return null;
		}
		if (gc == null) {
			System.out.println("plots: no " + pauses + " (GcLog writes it from gc.log): " + file + " without the GC pauses");
		}
		return SoakHeapChart.of(name, rows, fullGc, gc);
	}

	private void coldStarts(Path coldStart) throws IOException {
		List<Path> folders = withLatency(coldStart, false);
		if (folders.isEmpty()) {
			System.out.println("plots: no soak-latency.csv in the folders of " + coldStart + ": cold-start-latency.png not drawn");
			return;
		}
		draw("cold-start-latency.png", () -> {
			Map<String, List<LatencyInterval>> runs = new LinkedHashMap<>();
			for (Path folder : folders) {
				runs.put(folder.getFileName().toString(), LatencyInterval.read(folder.resolve("soak-latency.csv")));
			}
			return ColdStartChart.of(runs);
		});
	}

	/** The folder itself (when asked) and its sub-folders that hold a soak-latency.csv, by name. */
	private static List<Path> withLatency(Path folder, boolean itself) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> children = Files.list(folder)) {
			Stream<Path> candidates = Stream.concat(itself ? Stream.of(folder) : Stream.empty(), children.filter(Files::isDirectory).sorted());
			return candidates.filter(f -> Files.exists(f.resolve("soak-latency.csv"))).toList();
		}
	}

	private void draw(String file, Drawing drawing) {
		try {
			JFreeChart chart = drawing.draw();
			if (chart != null) {
				Charts.save(chart, plots.resolve(file));
				System.out.println("plots: drew " + plots.resolve(file));
			}
		}
		catch (IOException | IllegalArgumentException e) {
			System.err.println("plots: " + file + " not drawn: " + e.getMessage());
			failed++;
		}
	}

	/** One chart from its CSV files; null when there is nothing to draw (the reason already printed). */
	@FunctionalInterface
	private interface Drawing {

		JFreeChart draw() throws IOException;
	}
}
