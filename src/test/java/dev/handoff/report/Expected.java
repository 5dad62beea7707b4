package dev.handoff.report;

/**
 * The figures a report must show for one edge and campaign, one edge or all, worked out
 * by hand. Durations are given in seconds and as the text form shows them; null where
 * there is none.
 */
record Expected(long messages, long accepted, long rejected, long deliveryFailures, String firstTimeRight,
		String percent, long replays, long edits, long discards, long fixed, Long fixMedian, String fixMedianText,
		Long fixP90, String fixP90Text, long staleCount, long stillStale, Long staleMedian, String staleMedianText,
		Long staleP90, String staleP90Text, String rules) {

	/**
	 * Messages in, accepted, rejected on arrival, failed deliveries; nothing else yet.
	 */
	static Expected messages(long messages, long accepted, long rejected, long deliveryFailures) {
		return new Expected(messages, accepted, rejected, deliveryFailures, null, "-", 0, 0, 0, 0, null, "-", null, "-",
				0, 0, null, "-", null, "-", "");
	}

	/**
	 * The first-time-right rate as JSON and CSV carry it, and in percent as the text
	 * shows it.
	 */
	Expected rate(String fraction, String percentText) {
		return new Expected(messages, accepted, rejected, deliveryFailures, fraction, percentText, replays, edits,
				discards, fixed, fixMedian, fixMedianText, fixP90, fixP90Text, staleCount, stillStale, staleMedian,
				staleMedianText, staleP90, staleP90Text, rules);
	}

	Expected rework(long replays, long edits, long discards, long fixed) {
		return new Expected(messages, accepted, rejected, deliveryFailures, firstTimeRight, percent, replays, edits,
				discards, fixed, fixMedian, fixMedianText, fixP90, fixP90Text, staleCount, stillStale, staleMedian,
				staleMedianText, staleP90, staleP90Text, rules);
	}

	Expected fix(long median, String medianText, long p90, String p90Text) {
		return new Expected(messages, accepted, rejected, deliveryFailures, firstTimeRight, percent, replays, edits,
				discards, fixed, median, medianText, p90, p90Text, staleCount, stillStale, staleMedian, staleMedianText,
				staleP90, staleP90Text, rules);
	}

	Expected stale(long count, long still, long median, String medianText, long p90, String p90Text) {
		return new Expected(messages, accepted, rejected, deliveryFailures, firstTimeRight, percent, replays, edits,
				discards, fixed, fixMedian, fixMedianText, fixP90, fixP90Text, count, still, median, medianText, p90,
				p90Text, rules);
	}

	/** Rejects per rule as the CSV cell has them: {@code rule=n;rule=n}, by rule name. */
	Expected rules(String rules) {
		return new Expected(messages, accepted, rejected, deliveryFailures, firstTimeRight, percent, replays, edits,
				discards, fixed, fixMedian, fixMedianText, fixP90, fixP90Text, staleCount, stillStale, staleMedian,
				staleMedianText, staleP90, staleP90Text, rules);
	}
}
