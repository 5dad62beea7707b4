package dev.handoff.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One scrape of {@code /actuator/prometheus} in the Prometheus text format, as series
 * (metric name and sorted labels) to value, so a test can ask for exactly the series it
 * means.
 */
final class Scrape {

	/** A series: the metric name and its labels in name order. */
	record Series(String name, Map<String, String> labels) {
	}

	private final Map<Series, Double> values;

	private Scrape(Map<Series, Double> values) {
		this.values = values;
	}

	static Scrape parse(String text) {
		Map<Series, Double> values = new LinkedHashMap<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int brace = line.indexOf('{');
			int space = line.indexOf(' ');
			String name;
			Map<String, String> labels = new TreeMap<>();
			String rest;
			if (brace >= 0 && brace < space) {
				name = line.substring(0, brace);
				int end = labels(line, brace + 1, labels);
				rest = line.substring(end + 1).trim();
			}
			else {
				name = line.substring(0, space);
				rest = line.substring(space + 1).trim();
			}
			// a timestamp may follow the value
			values.put(new Series(name, labels), number(rest.split(" ")[0]));
		}
		return new Scrape(values);
	}

	private static double number(String text) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(text);
		};
	}

	/**
	 * Reads {@code a="x",b="y"} from {@code from} up to the closing brace, unescaping
	 * values; returns the brace's index.
	 */
	private static int labels(String line, int from, Map<String, String> labels) {
		int i = from;
		while (line.charAt(i) != '}') {
			int equals = line.indexOf('=', i);
			String key = line.substring(i, equals).trim();
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			while (line.charAt(j) != '"') {
				char c = line.charAt(j);
				if (c == '\\') {
					char next = line.charAt(++j);
					value.append(next == 'n' ? '\n' : next);
				}
				else {
					value.append(c);
				}
				j++;
			}
			labels.put(key, value.toString());
			i = j + 1;
			if (line.charAt(i) == ',') {
				i++;
			}
		}
		return i;
	}

	/**
	 * The value of the series with exactly these labels
	 * ({@code "edge", "email-campaign", "outcome", "accepted"}), or null.
	 */
	Double value(String name, String... labels) {
		return values.get(new Series(name, map(labels)));
	}

	/**
	 * The value, with 0 for a series that does not exist (a counter never incremented is
	 * not exported).
	 */
	double count(String name, String... labels) {
		Double value = value(name, labels);
		return value == null ? 0 : value;
	}

	/** Every series of a metric whose labels include these, with their values. */
	Map<Map<String, String>, Double> series(String name, String... labels) {
		Map<String, String> wanted = map(labels);
		return values.entrySet()
			.stream()
			.filter(e -> e.getKey().name().equals(name)
					&& e.getKey().labels().entrySet().containsAll(wanted.entrySet()))
			.collect(Collectors.toMap(e -> e.getKey().labels(), Map.Entry::getValue));
	}

	Set<String> names() {
		return values.keySet().stream().map(Series::name).collect(Collectors.toCollection(TreeSet::new));
	}

	Set<Series> all() {
		return values.keySet();
	}

	private static Map<String, String> map(String... labels) {
		if (labels.length % 2 != 0) {
			throw new IllegalArgumentException("labels come in pairs: " + Arrays.toString(labels));
		}
		Map<String, String> map = new TreeMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			map.put(labels[i], labels[i + 1]);
		}
		return map;
	}

}
