package dev.handoff.lint;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthLookup;

/**
 * Campaign truth kept in memory, for running examples and single messages without a
 * database.
 */
public final class MemoryTruth implements TruthLookup {

	private final Map<String, TreeMap<Long, Truth>> campaigns = new HashMap<>();

	public void record(Truth truth) {
		campaigns.computeIfAbsent(truth.campaign(), c -> new TreeMap<>()).put(truth.version(), truth);
	}

	@Override
	public Optional<Truth> current(String campaign) {
		TreeMap<Long, Truth> versions = campaigns.get(campaign);
		return versions == null ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
	}

	@Override
	public Optional<Truth> version(String campaign, long version) {
		TreeMap<Long, Truth> versions = campaigns.get(campaign);
		return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
	}

}
