package dev.handoff.report;

import java.util.List;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How long edges stayed stale after late changes: for each late change and each edge that
 * had delivered the campaign on an older version, the time until it delivered the new
 * one, or until the report when it has not yet.
 *
 * @param count how many (late change, edge) cases
 * @param stillStale how many of them have not delivered the new version yet (their time
 * runs to the report)
 * @param medianSeconds the median, in whole seconds
 * @param p90Seconds the 90th percentile, in whole seconds
 * @param method how the percentiles are taken: {@code nearest-rank}
 */
public record Staleness(long count, long stillStale, @Schema(nullable = true) Long medianSeconds,
		@Schema(nullable = true) Long p90Seconds, String method) {

	static Staleness of(List<Long> seconds, long stillStale) {
		Durations d = Durations.of(seconds);
		return new Staleness(d.count(), stillStale, d.medianSeconds(), d.p90Seconds(), d.method());
	}
}
