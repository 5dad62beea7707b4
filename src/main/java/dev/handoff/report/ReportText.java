package dev.handoff.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The report as plain text for a person: the headline, then tables per edge with its
 * campaigns indented under it and all edges last, the rejects by rule, the top errors,
 * and what the figures mean. Fits a slide in a monospaced font.
 */
final class ReportText {

	static final String ALL = "all edges";

	static final String NO_CAMPAIGN = "(no campaign)";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private ReportText() {
	}

	static String of(Report report) {
		StringBuilder out = new StringBuilder();
		out.append("Truth tax report, ")
			.append(WHEN.format(report.since()))
			.append(" to ")
			.append(WHEN.format(report.until()));
		if (report.edge() != null || report.campaign() != null) {
			out.append(" (")
				.append(report.edge() == null ? "" : "edge " + visible(report.edge()))
				.append(report.edge() != null && report.campaign() != null ? ", " : "")
				.append(report.campaign() == null ? "" : "campaign " + visible(report.campaign()))
				.append(')');
		}
		out.append("\n\n").append(report.headline()).append("\n\n");

		out.append("Messages\n");
		table(report, out,
				new String[] { "EDGE / CAMPAIGN", "MESSAGES", "RIGHT FIRST TIME", "REJECTED", "DELIVERY FAILURES" },
				f -> new String[] { n(f.messages()), Words.percent(f), n(f.rejected()), n(f.deliveryFailures()) });
		out.append("\nRework and waiting\n");
		table(report, out,
				new String[] { "EDGE / CAMPAIGN", "REPLAYS", "EDITS", "DISCARDS", "FIXED", "FIX MEDIAN", "FIX P90",
						"STALE", "STILL STALE", "STALE MEDIAN", "STALE P90" },
				f -> new String[] { n(f.rework().replays()), n(f.rework().edits()), n(f.rework().discards()),
						n(f.rework().fixed()), Words.duration(f.timeToFix().medianSeconds()),
						Words.duration(f.timeToFix().p90Seconds()), n(f.timeStale().count()),
						n(f.timeStale().stillStale()), Words.duration(f.timeStale().medianSeconds()),
						Words.duration(f.timeStale().p90Seconds()) });
		out.append("\nRejects by rule (a reject that broke two rules counts under each)\n");
		table(report, out, null, f -> new String[] { Words.rules(f) });

		out.append("\nTop errors\n");
		if (report.topErrors().isEmpty()) {
			out.append("none\n");
		}
		int rank = 1;
		for (Report.ErrorClass e : report.topErrors()) {
			out.append(rank++)
				.append(". ")
				.append(visible(e.edge()))
				.append("  ")
				.append(e.rule())
				.append("  ")
				.append(e.pointer().isEmpty() ? "(whole message)" : visible(e.pointer()))
				.append("  ")
				.append(e.count())
				.append(e.count() == 1 ? " reject" : " rejects")
				.append("  e.g. ")
				.append(e.example());
			if (e.message() != null) {
				out.append(": ").append(visible(e.message()));
			}
			out.append('\n');
		}
		out.append("""

				Right first time: accepted as sent, out of all messages; a replay of a reject does not count again.
				Delivery failures were accepted, then refused by the next tool; they are rejects but not messages.
				Fixed: rejects accepted on a replay in this window; fix time runs from the reject's arrival.
				Stale: from a late brief change to the edge's first delivery of the new version (still stale: to now).
				Medians and 90th percentiles are nearest-rank: each is one of the times measured.
				""");
		return out.toString();
	}

	/**
	 * One line per edge, its campaigns indented under it, then all edges; {@code header}
	 * null for none.
	 */
	private static void table(Report report, StringBuilder out, String[] header, Function<Figures, String[]> cells) {
		Columns columns = new Columns(header != null);
		if (header != null) {
			columns.row(header);
		}
		for (Report.EdgeFigures edge : report.edges()) {
			columns.row(row(visible(edge.edge()), cells.apply(edge.figures())));
			report.rows()
				.stream()
				.filter(r -> r.edge().equals(edge.edge()))
				.forEach(r -> columns.row(row("  " + (r.campaign() == null ? NO_CAMPAIGN : visible(r.campaign())),
						cells.apply(r.figures()))));
		}
		columns.row(row(ALL, cells.apply(report.total())));
		columns.print(out);
	}

	private static String[] row(String first, String[] rest) {
		String[] row = new String[rest.length + 1];
		row[0] = first;
		System.arraycopy(rest, 0, row, 1, rest.length);
		return row;
	}

	private static String n(long value) {
		return Long.toString(value);
	}

	/**
	 * Sender-made text (campaign ids, pointers) with control characters shown, so that it
	 * cannot break a line.
	 */
	static String visible(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach(c -> {
			if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
				out.append(String.format("\\u%04x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

}
