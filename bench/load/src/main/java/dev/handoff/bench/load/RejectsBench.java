package dev.handoff.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rejected queue at scale. Starts the service once so Flyway makes its tables, then, with the service stopped,
 * fills its H2 file straight through the app's tables (reject and reject_violation) up to each size in turn, with
 * rejects made from the shipped rejected examples (their payloads and violations), and starts it again to measure:
 * heap after a full GC, and the time of the review API's list/filter and causes calls (one reject arriving through its
 * edge before each call, so no call is answered from a result H2 kept). Prints H2's plan for each
 * query beside it, so a missing index shows.
 *
 * Usage (repository root): {@code java -cp bench/load/target/load.jar dev.handoff.bench.load.RejectsBench
 * [--sizes 10000,100000,1000000] [--repeat 5] [--out bench/results/rejects] [--data folder]}
 */
public final class RejectsBench {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String TOKEN = "bench-admin-token";

	/** The calls a reviewer makes, by name. */
	static final Map<String, String> QUERIES = new LinkedHashMap<>();

	static {
		QUERIES.put("all, newest page", "/api/rejects");
		QUERIES.put("status=open", "/api/rejects?status=open");
		QUERIES.put("edge+rule", "/api/rejects?edge=email-campaign&rule=must-match");
		QUERIES.put("edge+rule+status", "/api/rejects?edge=tracking-event&rule=generated-mismatch&status=open");
		QUERIES.put("rule", "/api/rejects?rule=link-utm");
		QUERIES.put("campaign", "/api/rejects?campaign=C-1500");
		QUERIES.put("edge, page 100", "/api/rejects?edge=tracking-event&page=100");
		QUERIES.put("causes", "/api/causes");
		QUERIES.put("causes of an edge", "/api/causes?edge=email-campaign");
	}

	/** The cause counts of V10__queue_at_scale.sql, for rejects written straight to the tables. */
	private static final List<String> V10_TALLY = List.of(
			"INSERT INTO cause_state (edge, rule, pointer, state, changed_at, changed_by) SELECT DISTINCT v.edge, v.rule, v.pointer, 'open', "
					+ "TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', 'handoff' FROM reject_violation v WHERE NOT EXISTS (SELECT 1 FROM cause_state c "
					+ "WHERE c.edge = v.edge AND c.rule = v.rule AND c.pointer = v.pointer)",
			"UPDATE cause_state SET total = (SELECT COUNT(DISTINCT v.reject_seq) FROM reject_violation v WHERE v.edge = cause_state.edge AND "
					+ "v.rule = cause_state.rule AND v.pointer = cause_state.pointer), open_count = (SELECT COUNT(DISTINCT v.reject_seq) FROM "
					+ "reject_violation v WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer AND "
					+ "v.status = 'open'), first_seen = (SELECT MIN(v.received_at) FROM reject_violation v WHERE v.edge = cause_state.edge AND "
					+ "v.rule = cause_state.rule AND v.pointer = cause_state.pointer), last_seen = (SELECT MAX(v.received_at) FROM reject_violation v "
					+ "WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer), example_seq = (SELECT "
					+ "MAX(v.reject_seq) FROM reject_violation v WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND "
					+ "v.pointer = cause_state.pointer)");

	/** A kind of reject: the edge, payload and violations of one shipped rejected example. */
	private record Template(String edge, byte[] payload, String violations, List<String[]> rulesAndPointers, int weight) {
	}

	private RejectsBench() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> o = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			o.put(args[i].substring(2), args[i + 1]);
		}
		int[] sizes = Arrays.stream(o.getOrDefault("sizes", "10000,100000,1000000").split(",")).mapToInt(Integer::parseInt).toArray();
		int repeat = Integer.parseInt(o.getOrDefault("repeat", "5"));
		Path out = Path.of(o.getOrDefault("out", "bench/results/rejects"));
		Files.createDirectories(out);
		Path contracts = Path.of("contracts");
		Path data = o.containsKey("data") ? Path.of(o.get("data")) : Files.createTempDirectory("handoff-rejects-");
		Files.createDirectories(data);
		List<Template> templates = templates(contracts);
		// without a brief recorded, every tracking-event example is rejected (unknown campaign at least)
		List<Template> arrivals = templates.stream().filter(t -> t.edge().equals("tracking-event")).toList();
		String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(TOKEN.getBytes(StandardCharsets.UTF_8)));
		Service.Options options = new Service.Options(Path.of("target/handoff.jar"), Path.of("bench/load/target/handoff-bench-app.jar"),
				Path.of("routes"), Path.of("bench/routes"), contracts, o.getOrDefault("heap", "1g"), null, out.resolve("service.log"),
				List.of("--handoff.access.tokens[0].name=bench", "--handoff.access.tokens[0].role=admin", "--handoff.access.tokens[0].sha256=" + sha,
						"--handoff.delivery.enabled=false"));
		Receiver receiver = new Receiver();
		receiver.start();
		List<String> csv = new ArrayList<>();
		csv.add("rows,query,first_ms,median_ms,max_ms,total_matches,heap_after_gc_mib,fill_s");
		try {
			// Flyway makes the tables on the first start
			try (Service app = new Service(options, receiver.port(), data)) {
				app.awaitReady(Duration.ofSeconds(180));
				System.out.printf(Locale.ROOT, "empty queue: heap after GC %.0f MiB%n", app.heapAfterGcMib());
			}
			int rows = 0;
			Random random = new Random(42);
			for (int size : sizes) {
				long fillStart = System.nanoTime();
				try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath() + "/handoff", "sa", "")) {
					rows = fill(db, templates, rows, size, random);
					System.out.printf(Locale.ROOT, "%n## %,d rejects (filled in %.0f s)%n", rows, (System.nanoTime() - fillStart) / 1e9);
					plans(db);
				}
				double fill = (System.nanoTime() - fillStart) / 1e9;
				try (Service app = new Service(options, receiver.port(), data)) {
					app.awaitReady(Duration.ofSeconds(600));
					double heapStart = app.heapAfterGcMib();
					System.out.println("| query | first ms | median ms | max ms | matches |");
					System.out.println("|---|---:|---:|---:|---:|");
					List<String> lines = new ArrayList<>();
					for (Map.Entry<String, String> q : QUERIES.entrySet()) {
						double[] times = new double[repeat + 1];
						String total = "";
						for (int i = 0; i <= repeat; i++) {
							// a reject arrives between calls, as in a live queue: H2 would otherwise hand back the previous result
							// of an identical query over unchanged tables, and the figure would be that of a cache
							Template fresh = arrivals.get(i % arrivals.size());
							int status = app.post("/edges/" + fresh.edge(), fresh.payload()).statusCode();
							if (status != 422) {
								throw new IllegalStateException("a rejected example was answered " + status + ", not 422");
							}
							long t = System.nanoTime();
							var answer = app.get(q.getValue(), TOKEN);
							times[i] = (System.nanoTime() - t) / 1e6;
							if (answer.statusCode() != 200) {
								throw new IllegalStateException(q.getValue() + " answered " + answer.statusCode() + ": " + answer.body());
							}
							JsonNode body = JSON.readTree(answer.body());
							total = body.has("total") ? body.get("total").asText() : body.isArray() ? body.size() + " causes" : "";
						}
						double[] warm = Arrays.copyOfRange(times, 1, times.length);
						Arrays.sort(warm);
						double median = warm[warm.length / 2];
						double max = warm[warm.length - 1];
						System.out.printf(Locale.ROOT, "| %s `%s` | %.1f | %.1f | %.1f | %s |%n", q.getKey(), q.getValue(), times[0], median, max, total);
						lines.add(String.format(Locale.ROOT, "%d,%s,%.1f,%.1f,%.1f,%s", rows, q.getKey(), times[0], median, max, total.replace(',', ' ')));
					}
					double heapEnd = app.heapAfterGcMib();
					System.out.printf(Locale.ROOT, "heap after full GC: %.0f MiB at start, %.0f MiB after the queries; RSS %.0f MiB%n", heapStart, heapEnd,
							app.rssMib());
					for (String line : lines) {
						csv.add(line + String.format(Locale.ROOT, ",%.0f,%.0f", heapEnd, fill));
					}
				}
				Files.write(out.resolve("rejects.csv"), csv);
			}
			System.out.println("database file: " + Files.size(data.resolve("handoff.mv.db")) / (1024 * 1024) + " MiB in " + data);
		}
		finally {
			receiver.stop();
		}
	}

	/** Adds rejects until there are {@code target}; mostly open, some replayed and discarded, received over 30 days. */
	private static int fill(Connection db, List<Template> templates, int from, int target, Random random) throws Exception {
		db.setAutoCommit(false);
		long maxSeq;
		try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM reject")) {
			rs.next();
			maxSeq = rs.getLong(1);
		}
		int totalWeight = templates.stream().mapToInt(Template::weight).sum();
		Instant start = Instant.now().minus(Duration.ofDays(30));
		try (PreparedStatement reject = db.prepareStatement("INSERT INTO reject (seq, id, edge, contract, contract_sha256, campaign, payload, "
				+ "payload_size, declared_length, content_type, violations, status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
				PreparedStatement violation = db.prepareStatement("INSERT INTO reject_violation (reject_seq, position, rule, pointer, edge, status, "
						+ "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			for (int n = from; n < target; n++) {
				long seq = maxSeq + (n - from) + 1;
				Template t = pick(templates, random.nextInt(totalWeight));
				int r = random.nextInt(100);
				reject.setLong(1, seq);
				reject.setString(2, UUID.randomUUID().toString());
				reject.setString(3, t.edge());
				reject.setString(4, t.edge());
				reject.setString(5, "0".repeat(64));
				reject.setString(6, "C-" + (1000 + random.nextInt(2000)));
				reject.setBytes(7, t.payload());
				reject.setLong(8, t.payload().length);
				reject.setObject(9, null);
				reject.setString(10, "application/json");
				reject.setString(11, t.violations());
				String status = r < 85 ? "open" : r < 95 ? "replayed" : "discarded";
				Timestamp received = Timestamp.from(start.plusMillis((long) n * 30L * 86_400_000L / Math.max(target, 1_000_000)));
				reject.setString(12, status);
				reject.setTimestamp(13, received);
				reject.addBatch();
				for (int i = 0; i < t.rulesAndPointers().size(); i++) {
					violation.setLong(1, seq);
					violation.setInt(2, i);
					violation.setString(3, t.rulesAndPointers().get(i)[0]);
					violation.setString(4, t.rulesAndPointers().get(i)[1]);
					violation.setString(5, t.edge());
					violation.setString(6, status);
					violation.setTimestamp(7, received);
					violation.addBatch();
				}
				if ((n + 1) % 5000 == 0) {
					reject.executeBatch();
					violation.executeBatch();
					db.commit();
				}
			}
			reject.executeBatch();
			violation.executeBatch();
			db.commit();
		}
		try (Statement s = db.createStatement()) {
			s.execute("ALTER TABLE reject ALTER COLUMN seq RESTART WITH " + (maxSeq + (target - from) + 1));
			// the service keeps each cause's counts as it stores rejects; rows written here are counted the way V10 counts
			// an upgraded queue
			for (String sql : V10_TALLY) {
				s.execute(sql);
			}
		}
		db.commit();
		return target;
	}

	/** H2's plan for the SQL behind the filters, as RejectStore and CauseStore build it. */
	private static void plans(Connection db) throws Exception {
		Map<String, String> sql = new LinkedHashMap<>();
		sql.put("count edge+rule", "SELECT COUNT(DISTINCT v.reject_seq) FROM reject_violation v WHERE v.rule = 'must-match' AND v.edge = 'email-campaign'");
		sql.put("page edge+rule", "SELECT DISTINCT v.reject_seq FROM reject_violation v WHERE v.rule = 'must-match' AND v.edge = 'email-campaign' "
				+ "ORDER BY v.reject_seq DESC OFFSET 0 ROWS FETCH NEXT 50 ROWS ONLY");
		sql.put("page edge, page 100", "SELECT seq FROM reject WHERE 1 = 1 AND edge = 'tracking-event' ORDER BY seq DESC OFFSET 5000 ROWS FETCH NEXT 50 ROWS ONLY");
		sql.put("count status", "SELECT COUNT(*) FROM reject WHERE 1 = 1 AND status = 'open'");
		sql.put("count campaign", "SELECT COUNT(*) FROM reject WHERE 1 = 1 AND campaign = 'C-1500'");
		sql.put("causes", "SELECT edge, rule, pointer, state, total, open_count FROM cause_state WHERE total > 0");
		try (Statement s = db.createStatement()) {
			for (Map.Entry<String, String> e : sql.entrySet()) {
				try (ResultSet rs = s.executeQuery("EXPLAIN " + e.getValue())) {
					rs.next();
					System.out.println("plan " + e.getKey() + ": " + rs.getString(1).replaceAll("\\s+", " "));
				}
			}
		}
	}

	private static Template pick(List<Template> templates, int at) {
		int sum = 0;
		for (Template t : templates) {
			sum += t.weight();
			if (at < sum) {
				return t;
			}
		}
		return templates.get(templates.size() - 1);
	}

	/** Each shipped rejected example with a JSON message, weighted as an edge's traffic would be (tracking events most). */
	private static List<Template> templates(Path contracts) throws Exception {
		Map<String, Integer> weights = Map.of("tracking-event", 12, "email-campaign", 4, "cms-landing-page", 3, "brief-approved", 1);
		List<Template> templates = new ArrayList<>();
		try (Stream<Path> files = Files.walk(contracts.resolve("examples"), 2)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				JsonNode spec = JSON.readTree(file.toFile());
				JsonNode violations = spec.path("expect").path("violations");
				if (!"rejected".equals(spec.path("expect").path("outcome").asText()) || !spec.has("message") || !violations.isArray()
						|| violations.isEmpty()) {
					continue;
				}
				String edge = file.getParent().getFileName().toString();
				List<String[]> rules = new ArrayList<>();
				ArrayNode stored = JSON.createArrayNode();
				for (JsonNode v : violations) {
					rules.add(new String[] { v.path("rule").asText(), v.path("pointer").asText() });
					ObjectNode s = stored.addObject();
					s.put("pointer", v.path("pointer").asText());
					s.put("rule", v.path("rule").asText());
					s.put("message", spec.path("description").asText());
					s.set("expected", v.get("expected"));
					s.set("actual", v.get("actual"));
				}
				templates.add(new Template(edge, JSON.writeValueAsBytes(spec.get("message")), JSON.writeValueAsString(stored), rules,
						weights.getOrDefault(edge, 1)));
			}
		}
		return templates;
	}
}
