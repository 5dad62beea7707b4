package dev.handoff.report;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The report as CSV (RFC 4180: comma-separated, CRLF line ends, quoted where needed, a
 * header row): one row per edge and campaign, always the same columns, for a spreadsheet.
 * Edge and overall totals are left to the sheet, except medians, which do not add up:
 * those are in the JSON and text forms.
 */
final class ReportCsv {

	static final List<String> COLUMNS = List.of("since", "until", "edge", "campaign", "messages", "accepted",
			"rejected", "delivery_failures", "rejects", "first_time_right", "replays", "edits", "discards", "fixed",
			"fix_median_seconds", "fix_p90_seconds", "stale_count", "still_stale", "stale_median_seconds",
			"stale_p90_seconds", "rejects_by_rule");

	private ReportCsv() {
	}

	static String of(Report report) {
		StringBuilder csv = new StringBuilder();
		line(csv, COLUMNS);
		for (Report.Row row : report.rows()) {
			Figures f = row.figures();
			List<String> cells = new ArrayList<>();
			cells.add(report.since().toString());
			cells.add(report.until().toString());
			cells.add(text(row.edge()));
			cells.add(text(row.campaign()));
			add(cells, f.messages(), f.accepted(), f.rejected(), f.deliveryFailures(), f.rejects());
			cells.add(f.firstTimeRight() == null ? "" : f.firstTimeRight().toPlainString());
			add(cells, f.rework().replays(), f.rework().edits(), f.rework().discards(), f.rework().fixed(),
					f.timeToFix().medianSeconds(), f.timeToFix().p90Seconds(), f.timeStale().count(),
					f.timeStale().stillStale(), f.timeStale().medianSeconds(), f.timeStale().p90Seconds());
			StringJoiner rules = new StringJoiner(";");
			f.rejectsByRule().forEach((rule, n) -> rules.add(rule + "=" + n));
			cells.add(text(rules.toString()));
			line(csv, cells);
		}
		return csv.toString();
	}

	private static void add(List<String> cells, Long... numbers) {
		for (Long n : numbers) {
			cells.add(n == null ? "" : n.toString());
		}
	}

	private static void line(StringBuilder csv, List<String> cells) {
		StringJoiner line = new StringJoiner(",", "", "\r\n");
		cells.forEach(cell -> line.add(quoted(cell)));
		csv.append(line);
	}

	/**
	 * Quoted when it holds a comma, a quote or a line break, with quotes doubled (RFC
	 * 4180 section 2).
	 */
	static String quoted(String cell) {
		if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\n') < 0) {
			return cell;
		}
		return '"' + cell.replace("\"", "\"\"") + '"';
	}

	/**
	 * Text that came from senders (a campaign id) as a cell: a spreadsheet would run one
	 * starting with =, +, -, @ or a control character as a formula, so such a cell gets a
	 * leading apostrophe, which spreadsheets show as text.
	 */
	static String text(String value) {
		if (value == null) {
			return "";
		}
		return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
	}

}
