package dev.handoff.guard;

import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.Taxonomy;
import dev.handoff.truth.Truth;

/**
 * The UTM values of each campaign truth and channel, worked out once rather than for
 * every message: they are a pure function of the truth's fields and the taxonomy, and the
 * template's slug and normalising regular expressions were a tenth of the guard's time on
 * a tracking event (bench/RESULTS.md). Bounded: when full it starts again.
 */
final class UtmCache {

	private static final int LIMIT = 10_000;

	/**
	 * Everything the values depend on; the fields are compared by content, so a different
	 * truth never shares an entry.
	 */
	private record Key(String taxonomy, String channel, String campaign, long version, ObjectNode fields) {
	}

	private final ConcurrentHashMap<Key, UtmValues> values = new ConcurrentHashMap<>();

	UtmValues of(Truth truth, Taxonomy taxonomy, String channel) {
		Key key = new Key(taxonomy.sha256(), channel, truth.campaign(), truth.version(), truth.fields());
		UtmValues known = values.get(key);
		if (known != null) {
			return known;
		}
		UtmValues made = UtmValues.of(truth, taxonomy, channel);
		if (values.size() >= LIMIT) {
			values.clear();
		}
		// a copy of the fields in the key: a later change to the truth's tree cannot make
		// the entry lie
		values.put(new Key(key.taxonomy(), channel, truth.campaign(), truth.version(), truth.fields().deepCopy()),
				made);
		return made;
	}

}
