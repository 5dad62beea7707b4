package dev.handoff.report;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How long something took, over a number of cases: the median and the 90th percentile, by
 * nearest rank (the value at rank ceil(p/100 × n) of the n sorted times), so each is a
 * time that really happened. Null when there was none.
 *
 * @param count how many cases
 * @param medianSeconds the median, in whole seconds
 * @param p90Seconds the 90th percentile, in whole seconds
 * @param method how the percentiles are taken: {@code nearest-rank}
 */
public record Durations(long count, @Schema(nullable = true) Long medianSeconds,
		@Schema(nullable = true) Long p90Seconds, String method) {

	static final String NEAREST_RANK = "nearest-rank";

	static Durations of(List<Long> seconds) {
		List<Long> sorted = seconds.stream().sorted().toList();
		return new Durations(sorted.size(), percentile(sorted, 50), percentile(sorted, 90), NEAREST_RANK);
	}

	/** The p-th percentile of sorted values by nearest rank; null for none. */
	static Long percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return null;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}
}
