package dev.handoff.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The figures of one edge and campaign, one edge, or all of them, over a report's window.
 *
 * @param messages messages that came in: accepted plus rejected
 * @param accepted accepted as sent (a replay of a reject does not count again)
 * @param rejected rejected on arrival (failed deliveries are not counted here: those
 * messages were accepted)
 * @param deliveryFailures accepted messages the next tool refused after all attempts
 * (rule {@code delivery})
 * @param rejects distinct rejects: rejected plus delivery failures
 * @param rejectsByRule rejects per rule; a reject that broke two rules counts under each
 * @param firstTimeRight accepted / messages, to four places; null when there were no
 * messages
 * @param rework replays, edits and discards (each attempt), and how many rejects were
 * fixed
 * @param timeToFix for rejects fixed in the window, from arrival to the replay that was
 * accepted
 * @param timeStale after late changes in the window, how long edges built from a changed
 * field stayed on the old version
 */
public record Figures(long messages, long accepted, long rejected, long deliveryFailures, long rejects,
		SortedMap<String, Long> rejectsByRule, @Schema(nullable = true) BigDecimal firstTimeRight, Rework rework,
		Durations timeToFix, Staleness timeStale) {

	static Figures of(Tally t) {
		long messages = t.accepted + t.rejected;
		BigDecimal rate = messages == 0 ? null
				: BigDecimal.valueOf(t.accepted)
					.divide(BigDecimal.valueOf(messages), 4, RoundingMode.HALF_UP)
					.stripTrailingZeros();
		return new Figures(messages, t.accepted, t.rejected, t.deliveryFailures, t.rejected + t.deliveryFailures,
				Collections.unmodifiableSortedMap(new TreeMap<>(t.byRule)), rate,
				new Rework(t.replays, t.edits, t.discards, t.fixSeconds.size()), Durations.of(t.fixSeconds),
				Staleness.of(t.staleSeconds, t.stillStale));
	}

	/**
	 * The first-time-right rate in whole percent, rounded down (so 100 % means every
	 * one); null when there were no messages.
	 */
	public Long firstTimeRightPercent() {
		return messages == 0 ? null : accepted * 100 / messages;
	}
}
