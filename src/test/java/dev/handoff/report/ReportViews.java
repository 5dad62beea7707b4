package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;

/**
 * One report read in its three forms, JSON, CSV and text, each parsed the way a reader
 * would, so that every figure can be checked in all three at once.
 */
final class ReportViews {

	final JsonNode json;

	final List<Map<String, String>> csv;

	final String text;

	/**
	 * Text table lines by section title, then by label: {@code edge},
	 * {@code edge|campaign} or {@code all edges}.
	 */
	final Map<String, Map<String, List<String>>> tables;

	ReportViews(JsonNode json, String csv, String text) {
		this.json = json;
		this.csv = csv(csv);
		this.text = text;
		this.tables = tables(text);
	}

	/** RFC 4180: a header row, CRLF line ends, quoted cells with doubled quotes. */
	static List<Map<String, String>> csv(String csv) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				record.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
				record.add(cell.toString());
				cell.setLength(0);
				records.add(record);
				record = new ArrayList<>();
				i++;
			}
			else {
				assertThat(c).as("a bare line feed or carriage return outside quotes at " + i).isNotIn('\r', '\n');
				cell.append(c);
			}
		}
		assertThat(cell.length() == 0 && record.isEmpty()).as("the CSV ends with CRLF").isTrue();
		List<String> header = records.get(0);
		List<Map<String, String>> rows = new ArrayList<>();
		for (List<String> r : records.subList(1, records.size())) {
			assertThat(r).as("every row has the header's columns").hasSameSizeAs(header);
			Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < header.size(); i++) {
				row.put(header.get(i), r.get(i));
			}
			rows.add(row);
		}
		return rows;
	}

	/**
	 * Each table of the text form: a title line, then one line per edge with its
	 * campaigns indented under it.
	 */
	static Map<String, Map<String, List<String>>> tables(String text) {
		Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
		for (String block : text.split("\n\n")) {
			List<String> lines = block.lines().toList();
			if (lines.size() < 2 || !lines.get(lines.size() - 1).startsWith(ReportText.ALL)) {
				continue;
			}
			Map<String, List<String>> rows = new LinkedHashMap<>();
			String edge = null;
			for (String line : lines.subList(1, lines.size())) {
				List<String> cells = new ArrayList<>(List.of(line.strip().split(" {2,}")));
				String label = cells.remove(0);
				if (line.startsWith("  ")) {
					label = edge + "|" + label;
				}
				else {
					edge = label;
				}
				rows.put(label, cells);
			}
			tables.put(lines.get(0), rows);
		}
		return tables;
	}

	/**
	 * The JSON row of an edge and campaign (campaign null for none), or null when there
	 * is none.
	 */
	JsonNode row(String edge, String campaign) {
		for (JsonNode row : json.get("rows")) {
			if (row.get("edge").asText().equals(edge) && (campaign == null ? row.get("campaign").isNull()
					: campaign.equals(row.get("campaign").asText()))) {
				return row;
			}
		}
		return null;
	}

	JsonNode edge(String edge) {
		for (JsonNode e : json.get("edges")) {
			if (e.get("edge").asText().equals(edge)) {
				return e;
			}
		}
		return null;
	}

	Map<String, String> csvRow(String edge, String campaign) {
		return csv.stream()
			.filter(r -> r.get("edge").equals(edge) && r.get("campaign").equals(campaign == null ? "" : campaign))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The rows, as {@code edge|campaign} ({@code edge|-} for none), in the JSON, the CSV
	 * and the text, which must agree.
	 */
	List<String> rowKeys() {
		List<String> fromJson = new ArrayList<>();
		json.get("rows")
			.forEach(r -> fromJson
				.add(r.get("edge").asText() + "|" + (r.get("campaign").isNull() ? "-" : r.get("campaign").asText())));
		List<String> fromCsv = csv.stream()
			.map(r -> r.get("edge") + "|" + (r.get("campaign").isEmpty() ? "-" : r.get("campaign")))
			.toList();
		List<String> fromText = tables.get("Messages")
			.keySet()
			.stream()
			.filter(k -> k.contains("|"))
			.map(k -> k.replace("|" + ReportText.NO_CAMPAIGN, "|-"))
			.toList();
		assertThat(fromCsv).as("CSV rows").isEqualTo(fromJson);
		assertThat(fromText).as("text rows").isEqualTo(fromJson);
		return fromJson;
	}

	/**
	 * One edge and campaign: its JSON row, its CSV row and its lines in each text table.
	 */
	void assertRow(String edge, String campaign, Expected e) {
		String label = edge + "|" + (campaign == null ? ReportText.NO_CAMPAIGN : campaign);
		SoftAssertions soft = new SoftAssertions();
		JsonNode row = row(edge, campaign);
		soft.assertThat(row).as("JSON row " + label).isNotNull();
		if (row != null) {
			json(soft, label, row, e);
		}
		Map<String, String> csvRow = csvRow(edge, campaign);
		soft.assertThat(csvRow).as("CSV row " + label).isNotNull();
		if (csvRow != null) {
			csv(soft, label, csvRow, e);
		}
		text(soft, label, e);
		soft.assertAll();
	}

	/**
	 * One edge, all its campaigns: in the JSON and the text (the CSV has one row per edge
	 * and campaign only).
	 */
	void assertEdge(String edge, Expected e) {
		SoftAssertions soft = new SoftAssertions();
		JsonNode node = edge(edge);
		soft.assertThat(node).as("JSON edge " + edge).isNotNull();
		if (node != null) {
			json(soft, edge, node, e);
		}
		text(soft, edge, e);
		soft.assertAll();
	}

	/** All edges together: in the JSON and the text. */
	void assertTotal(Expected e) {
		SoftAssertions soft = new SoftAssertions();
		json(soft, "total", json.get("total"), e);
		text(soft, ReportText.ALL, e);
		soft.assertAll();
	}

	private static void json(SoftAssertions soft, String label, JsonNode n, Expected e) {
		soft.assertThat(n.get("messages").asLong()).as(label + " messages").isEqualTo(e.messages());
		soft.assertThat(n.get("accepted").asLong()).as(label + " accepted").isEqualTo(e.accepted());
		soft.assertThat(n.get("rejected").asLong()).as(label + " rejected").isEqualTo(e.rejected());
		soft.assertThat(n.get("deliveryFailures").asLong())
			.as(label + " deliveryFailures")
			.isEqualTo(e.deliveryFailures());
		soft.assertThat(n.get("rejects").asLong())
			.as(label + " rejects")
			.isEqualTo(e.rejected() + e.deliveryFailures());
		soft.assertThat(
				n.get("firstTimeRight").isNull() ? null : n.get("firstTimeRight").decimalValue().toPlainString())
			.as(label + " firstTimeRight")
			.isEqualTo(e.firstTimeRight());
		soft.assertThat(n.at("/rework/replays").asLong()).as(label + " replays").isEqualTo(e.replays());
		soft.assertThat(n.at("/rework/edits").asLong()).as(label + " edits").isEqualTo(e.edits());
		soft.assertThat(n.at("/rework/discards").asLong()).as(label + " discards").isEqualTo(e.discards());
		soft.assertThat(n.at("/rework/fixed").asLong()).as(label + " fixed").isEqualTo(e.fixed());
		soft.assertThat(n.at("/timeToFix/count").asLong()).as(label + " timeToFix.count").isEqualTo(e.fixed());
		soft.assertThat(number(n.at("/timeToFix/medianSeconds")))
			.as(label + " timeToFix.medianSeconds")
			.isEqualTo(e.fixMedian());
		soft.assertThat(number(n.at("/timeToFix/p90Seconds")))
			.as(label + " timeToFix.p90Seconds")
			.isEqualTo(e.fixP90());
		soft.assertThat(n.at("/timeToFix/method").asText()).as(label + " timeToFix.method").isEqualTo("nearest-rank");
		soft.assertThat(n.at("/timeStale/count").asLong()).as(label + " timeStale.count").isEqualTo(e.staleCount());
		soft.assertThat(n.at("/timeStale/stillStale").asLong())
			.as(label + " timeStale.stillStale")
			.isEqualTo(e.stillStale());
		soft.assertThat(number(n.at("/timeStale/medianSeconds")))
			.as(label + " timeStale.medianSeconds")
			.isEqualTo(e.staleMedian());
		soft.assertThat(number(n.at("/timeStale/p90Seconds")))
			.as(label + " timeStale.p90Seconds")
			.isEqualTo(e.staleP90());
		soft.assertThat(n.at("/timeStale/method").asText()).as(label + " timeStale.method").isEqualTo("nearest-rank");
		Map<String, Long> rules = new TreeMap<>();
		n.get("rejectsByRule").properties().forEach(r -> rules.put(r.getKey(), r.getValue().asLong()));
		soft.assertThat(rules).as(label + " rejectsByRule").isEqualTo(rules(e.rules()));
	}

	private static void csv(SoftAssertions soft, String label, Map<String, String> r, Expected e) {
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("messages", String.valueOf(e.messages()));
		expected.put("accepted", String.valueOf(e.accepted()));
		expected.put("rejected", String.valueOf(e.rejected()));
		expected.put("delivery_failures", String.valueOf(e.deliveryFailures()));
		expected.put("rejects", String.valueOf(e.rejected() + e.deliveryFailures()));
		expected.put("first_time_right", e.firstTimeRight() == null ? "" : e.firstTimeRight());
		expected.put("replays", String.valueOf(e.replays()));
		expected.put("edits", String.valueOf(e.edits()));
		expected.put("discards", String.valueOf(e.discards()));
		expected.put("fixed", String.valueOf(e.fixed()));
		expected.put("fix_median_seconds", e.fixMedian() == null ? "" : e.fixMedian().toString());
		expected.put("fix_p90_seconds", e.fixP90() == null ? "" : e.fixP90().toString());
		expected.put("stale_count", String.valueOf(e.staleCount()));
		expected.put("still_stale", String.valueOf(e.stillStale()));
		expected.put("stale_median_seconds", e.staleMedian() == null ? "" : e.staleMedian().toString());
		expected.put("stale_p90_seconds", e.staleP90() == null ? "" : e.staleP90().toString());
		expected.put("rejects_by_rule", e.rules());
		expected
			.forEach((column, value) -> soft.assertThat(r.get(column)).as(label + " CSV " + column).isEqualTo(value));
	}

	private void text(SoftAssertions soft, String label, Expected e) {
		soft.assertThat(tables.get("Messages").get(label))
			.as(label + " in the text's Messages table")
			.containsExactly(String.valueOf(e.messages()), e.percent(), String.valueOf(e.rejected()),
					String.valueOf(e.deliveryFailures()));
		soft.assertThat(tables.get("Rework and waiting").get(label))
			.as(label + " in the text's Rework and waiting table")
			.containsExactly(String.valueOf(e.replays()), String.valueOf(e.edits()), String.valueOf(e.discards()),
					String.valueOf(e.fixed()), e.fixMedianText(), e.fixP90Text(), String.valueOf(e.staleCount()),
					String.valueOf(e.stillStale()), e.staleMedianText(), e.staleP90Text());
		String rules = e.rules().isEmpty() ? "-" : e.rules().replace("=", " ").replace(";", ", ");
		soft.assertThat(tables.get("Rejects by rule (a reject that broke two rules counts under each)").get(label))
			.as(label + " in the text's Rejects by rule table")
			.containsExactly(rules);
	}

	private static Long number(JsonNode node) {
		return node.isNull() || node.isMissingNode() ? null : node.asLong();
	}

	private static Map<String, Long> rules(String rules) {
		Map<String, Long> map = new TreeMap<>();
		if (!rules.isEmpty()) {
			for (String pair : rules.split(";")) {
				String[] kv = pair.split("=");
				map.put(kv[0], Long.parseLong(kv[1]));
			}
		}
		return map;
	}

}
