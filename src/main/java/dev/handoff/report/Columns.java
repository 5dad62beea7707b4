package dev.handoff.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table, two spaces between columns, no trailing blanks: the first column to
 * the left, figures to the right.
 */
final class Columns {

	private final List<String[]> rows = new ArrayList<>();

	private final boolean figures;

	/**
	 * {@code figures}: the columns after the first hold figures, aligned to the right;
	 * else all is text, to the left.
	 */
	Columns(boolean figures) {
		this.figures = figures;
	}

	Columns row(String... cells) {
		rows.add(cells);
		return this;
	}

	void print(StringBuilder out) {
		int[] widths = new int[rows.stream().mapToInt(r -> r.length).max().orElse(0)];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], width(row[i]));
			}
		}
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				String pad = " ".repeat(widths[i] - width(row[i]));
				line.append(i == 0 ? "" : "  ").append(i == 0 || !figures ? row[i] + pad : pad + row[i]);
			}
			out.append(line.toString().stripTrailing()).append('\n');
		}
	}

	private static int width(String cell) {
		return cell.codePointCount(0, cell.length());
	}

}
