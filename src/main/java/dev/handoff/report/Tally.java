package dev.handoff.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts and times of one group while a report is being put together; added up for
 * edges and the total.
 */
final class Tally {

	long accepted;

	long rejected;

	long deliveryFailures;

	final Map<String, Long> byRule = new TreeMap<>();

	long replays;

	long edits;

	long discards;

	final List<Long> fixSeconds = new ArrayList<>();

	final List<Long> staleSeconds = new ArrayList<>();

	long stillStale;

	/** Adds another group's counts and times to this one. */
	Tally add(Tally other) {
		accepted += other.accepted;
		rejected += other.rejected;
		deliveryFailures += other.deliveryFailures;
		other.byRule.forEach((rule, n) -> byRule.merge(rule, n, Long::sum));
		replays += other.replays;
		edits += other.edits;
		discards += other.discards;
		fixSeconds.addAll(other.fixSeconds);
		staleSeconds.addAll(other.staleSeconds);
		stillStale += other.stillStale;
		return this;
	}

}
