package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain text columns for a terminal: each as wide as its widest cell, two spaces apart,
 * no trailing blanks.
 */
final class Table {

	private final List<String[]> rows = new ArrayList<>();

	/**
	 * A row; a null cell shows as {@code -}. Control characters are made visible, so
	 * every row stays one line.
	 */
	Table row(String... cells) {
		String[] row = new String[cells.length];
		for (int i = 0; i < cells.length; i++) {
			row[i] = cells[i] == null ? "-" : Text.oneLine(cells[i]);
		}
		rows.add(row);
		return this;
	}

	void print(PrintWriter out, String indent) {
		int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
		int[] widths = new int[columns];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], width(row[i]));
			}
		}
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder(indent);
			for (int i = 0; i < row.length; i++) {
				line.append(row[i]);
				if (i < row.length - 1) {
					line.append(" ".repeat(widths[i] - width(row[i]) + 2));
				}
			}
			out.println(line.toString().stripTrailing());
		}
	}

	private static int width(String cell) {
		return cell.codePointCount(0, cell.length());
	}

}
