package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file the bench wrote (plain comma-separated, one header line, no quoting: the writers replace commas in
 * text), read by column name so that a column added to a writer does not shift what a reader takes. A missing column
 * or a value that is not a number fails with the file, the column and the line, rather than drawing a wrong plot.
 */
record Csv(Path file, List<String> header, List<String[]> rows) {

	static Csv read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		if (lines.isEmpty()) {
			throw new IllegalArgumentException(file + ": empty, no header line");
		}
		List<String[]> rows = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			if (!line.isBlank()) {
				// -1: keep trailing empty fields (an interval with no heap sample ends in ",")
				rows.add(line.split(",", -1));
			}
		}
		return new Csv(file, List.of(lines.get(0).split(",", -1)), rows);
	}

	boolean has(String column) {
		return header.contains(column);
	}

	/** The column's values as numbers; an empty field is NaN (a sample not taken). */
	double[] numbers(String column) {
		int at = index(column);
		double[] values = new double[rows.size()];
		for (int i = 0; i < values.length; i++) {
			String[] row = rows.get(i);
			String text = at < row.length ? row[at].trim() : "";
			try {
				values[i] = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
			}
			catch (NumberFormatException e) {
				// line i + 2: the header is line 1
				throw new IllegalArgumentException(file + ": column \"" + column + "\", line " + (i + 2) + ": not a number: " + text, e);
			}
		}
		return values;
	}

	String[] texts(String column) {
		int at = index(column);
		return rows.stream().map(row -> at < row.length ? row[at] : "").toArray(String[]::new);
	}

	private int index(String column) {
		int at = header.indexOf(column);
		if (at < 0) {
			throw new IllegalArgumentException(file + ": no column \"" + column + "\" (header: " + String.join(",", header) + ")");
		}
		return at;
	}
}
