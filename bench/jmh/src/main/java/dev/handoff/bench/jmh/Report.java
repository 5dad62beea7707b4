package dev.handoff.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads JMH JSON result files ({@code -rf json}) and prints the guard against its baselines: one Markdown table
 * per benchmark class, the ratios guard / (Jackson parse + Everit validate) and guard / Jackson parse, and the
 * issue's targets met or missed. Writes a CSV per table for the plots.
 * Usage: {@code java -cp benchmarks.jar dev.handoff.bench.jmh.Report <csv-folder> <result.json>...}.
 */
public final class Report {

	private static final String PACKAGE = "dev.handoff.bench.jmh.";

	/** The target: guard / (parse + validate) for each edge's typical message. */
	private static final double TARGET_RATIO = 1.3;

	/** The target: median of the guard for a 2 KB message. */
	private static final double TARGET_MEDIAN_2K_US = 100;

	private Report() {
	}

	/** One benchmark method's result for one parameter value and mode. */
	private record Score(double score, double error, double p50, double p99) {
	}

	public static void main(String[] args) throws IOException {
		Path out = Path.of(args[0]);
		Files.createDirectories(out);
		// class -> param value -> method:mode -> score
		Map<String, Map<String, Map<String, Score>>> all = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i++) {
			for (JsonNode run : Messages.JSON.readTree(Path.of(args[i]).toFile())) {
				String name = run.get("benchmark").asText().substring(PACKAGE.length());
				String type = name.substring(0, name.indexOf('.'));
				String method = name.substring(name.indexOf('.') + 1);
				String param = run.get("params") == null ? "" : run.get("params").elements().next().asText();
				JsonNode metric = run.get("primaryMetric");
				JsonNode pct = metric.get("scorePercentiles");
				Score score = new Score(metric.get("score").asDouble(), metric.get("scoreError").asDouble(Double.NaN),
						pct.get("50.0").asDouble(), pct.get("99.0").asDouble());
				all.computeIfAbsent(type, t -> new LinkedHashMap<>()).computeIfAbsent(param, p -> new LinkedHashMap<>())
					.put(method + ":" + run.get("mode").asText(), score);
			}
		}
		if (all.containsKey("GuardBench")) {
			guard(all.get("GuardBench"), out);
		}
		if (all.containsKey("MessageSizeBench")) {
			threeWay("Message size (email campaign, HTML body)", "KiB", all.get("MessageSizeBench"), out.resolve("message-size.csv"),
					kib -> Messages.emailWithHtml(Integer.parseInt(kib) * 1024).length);
		}
		if (all.containsKey("SchemaSizeBench")) {
			threeWay("Schema size (flat contract, typed required properties)", "properties", all.get("SchemaSizeBench"),
					out.resolve("schema-size.csv"), n -> Folders.wideMessage(Integer.parseInt(n)).length);
			System.out.println();
			System.out.println("Schema file sizes: " + schemaSizes(all.get("SchemaSizeBench").keySet()));
		}
		if (all.containsKey("ContractCountBench")) {
			contracts(all.get("ContractCountBench"), out.resolve("contract-count.csv"));
		}
	}

	private static void guard(Map<String, Map<String, Score>> byMessage, Path out) throws IOException {
		System.out.println("### Guard vs baselines (µs per message; avg ± 99.9 % error from AverageTime, p50/p99 from SampleTime)");
		System.out.println();
		System.out.println("| message | bytes | guard avg | guard p50 | guard p99 | parse avg | parse+validate avg | parse+validate p50 "
				+ "| guard / (parse+validate) avg | p50 ratio | guard / parse | target ≤ 1.3× |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
		List<String> csv = new ArrayList<>();
		csv.add("message,bytes,guard_avg,guard_p50,parse_avg,validate_avg,validate_p50,ratio_avg,ratio_p50");
		for (Map.Entry<String, Map<String, Score>> e : byMessage.entrySet()) {
			String message = e.getKey();
			Map<String, Score> s = e.getValue();
			Score guard = s.get("guard:avgt");
			Score guardSample = s.getOrDefault("guard:sample", guard);
			Score parse = s.get("jacksonParse:avgt");
			Score validate = s.get("jacksonParseEveritValidate:avgt");
			Score validateSample = s.getOrDefault("jacksonParseEveritValidate:sample", validate);
			if (guard == null || parse == null || validate == null) {
				continue;
			}
			int bytes = Messages.message(message).length;
			double ratio = guard.score() / validate.score();
			double ratio50 = guardSample.p50() / validateSample.p50();
			boolean typical = !message.matches(".*-\\d+k");
			String verdict = typical ? (ratio <= TARGET_RATIO ? "met" : "missed") : "(not a target)";
			if (message.equals("email-campaign-2k")) {
				verdict = "p50 ≤ 100 µs: " + (guardSample.p50() <= TARGET_MEDIAN_2K_US ? "met" : "missed");
			}
			System.out.printf("| %s | %d | %.1f ± %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f× | %.2f× | %.1f× | %s |%n", message, bytes,
					guard.score(), guard.error(), guardSample.p50(), guardSample.p99(), parse.score(), validate.score(), validateSample.p50(),
					ratio, ratio50, guard.score() / parse.score(), verdict);
			csv.add(String.format("%s,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f", message, bytes, guard.score(), guardSample.p50(), parse.score(),
					validate.score(), validateSample.p50(), ratio, ratio50));
		}
		Files.write(out.resolve("guard.csv"), csv);
		System.out.println();
	}

	private static void threeWay(String title, String unit, Map<String, Map<String, Score>> byParam, Path csvFile,
			java.util.function.Function<String, Integer> bytesOf) throws IOException {
		System.out.println("### " + title + " (µs per message, AverageTime)");
		System.out.println();
		System.out.println("| " + unit + " | message bytes | guard | parse | parse+validate | guard / (parse+validate) | guard µs per KiB |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
		List<String> csv = new ArrayList<>();
		csv.add(unit + ",bytes,guard,parse,validate,ratio");
		for (Map.Entry<String, Map<String, Score>> e : byParam.entrySet()) {
			Score guard = e.getValue().get("guard:avgt");
			Score parse = e.getValue().get("jacksonParse:avgt");
			Score validate = e.getValue().get("jacksonParseEveritValidate:avgt");
			if (guard == null || parse == null || validate == null) {
				continue;
			}
			int bytes = bytesOf.apply(e.getKey());
			System.out.printf("| %s | %d | %.1f ± %.1f | %.1f | %.1f | %.2f× | %.2f |%n", e.getKey(), bytes, guard.score(), guard.error(),
					parse.score(), validate.score(), guard.score() / validate.score(), guard.score() / (bytes / 1024.0));
			csv.add(String.format("%s,%d,%.3f,%.3f,%.3f,%.3f", e.getKey(), bytes, guard.score(), parse.score(), validate.score(),
					guard.score() / validate.score()));
		}
		Files.write(csvFile, csv);
		System.out.println();
	}

	private static void contracts(Map<String, Map<String, Score>> byCount, Path csvFile) throws IOException {
		System.out.println("### Contracts loaded (µs per message, round robin over every copy, AverageTime)");
		System.out.println();
		System.out.println("| contracts | guard | ± |");
		System.out.println("|---:|---:|---:|");
		List<String> csv = new ArrayList<>();
		csv.add("contracts,guard");
		for (Map.Entry<String, Map<String, Score>> e : byCount.entrySet()) {
			Score s = e.getValue().get("guardRoundRobin:avgt");
			if (s == null) {
				continue;
			}
			System.out.printf("| %s | %.1f | %.1f |%n", e.getKey(), s.score(), s.error());
			csv.add(String.format("%s,%.3f", e.getKey(), s.score()));
		}
		Files.write(csvFile, csv);
		System.out.println();
	}

	private static String schemaSizes(Iterable<String> properties) throws IOException {
		List<String> sizes = new ArrayList<>();
		for (String n : properties) {
			sizes.add(n + " properties: " + Messages.JSON.writerWithDefaultPrettyPrinter()
				.writeValueAsBytes(Folders.wideSchema(Integer.parseInt(n))).length + " bytes");
		}
		return String.join(", ", sizes);
	}
}
