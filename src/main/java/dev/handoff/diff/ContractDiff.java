package dev.handoff.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.json.StrictJson;

/**
 * {@code handoff diff}: classifies every change between two versions of a contracts
 * folder.
 */
public final class ContractDiff {

	static final String TAXONOMY = "taxonomy.json";

	private ContractDiff() {
	}

	/**
	 * @param before file name to content, as {@link GitContracts} reads them
	 */
	public static DiffReport compare(Map<String, byte[]> before, Map<String, byte[]> after) {
		List<Change> changes = new ArrayList<>();
		Set<String> bumped = new HashSet<>();
		Set<String> files = new TreeSet<>(before.keySet());
		files.addAll(after.keySet());
		for (String file : files) {
			if (!before.containsKey(file)) {
				changes.add(new Change(file, "", Impact.SAFE, "new file", false));
				continue;
			}
			if (!after.containsKey(file)) {
				// without the taxonomy nothing can be generated: that is a truth change;
				// a removed edge is not
				changes.add(new Change(file, "",
						file.equals(TAXONOMY) ? Impact.BREAKING_FOR_RECEIVERS : Impact.BREAKING_FOR_SENDERS,
						file.equals(TAXONOMY) ? "the taxonomy was removed"
								: "contract removed: its edge takes no message",
						file.equals(TAXONOMY)));
				continue;
			}
			if (Arrays.equals(before.get(file), after.get(file))) {
				continue;
			}
			JsonNode was = read(before.get(file));
			JsonNode now = read(after.get(file));
			if (was == null || now == null) {
				// comparing a broken file keyword by keyword would report everything it
				// holds as removed
				changes.add(new Change(file, "", Impact.BREAKING_FOR_SENDERS,
						"the " + (was == null ? "earlier" : "later")
								+ " version is not valid JSON, so the two cannot be compared; run handoff lint on it",
						file.equals(TAXONOMY)));
				continue;
			}
			if (file.equals(TAXONOMY)) {
				changes.addAll(new TruthDiff(file).taxonomy(was, now));
				continue;
			}
			changes.addAll(new SchemaDiff(file).compare(withoutBlock(was), withoutBlock(now)));
			changes.addAll(new TruthDiff(file).handoff(was.path("x-handoff"), now.path("x-handoff")));
			if (now.path("x-handoff").path("contractVersion").asLong(0) > was.path("x-handoff")
				.path("contractVersion")
				.asLong(0)) {
				bumped.add(file);
			}
		}
		return new DiffReport(List.copyOf(changes), Set.copyOf(bumped));
	}

	private static JsonNode withoutBlock(JsonNode schema) {
		JsonNode copy = schema.deepCopy();
		if (copy.isObject()) {
			((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("x-handoff");
		}
		return copy;
	}

	/** The parsed file, or null when it is not JSON (lint says why). */
	private static JsonNode read(byte[] bytes) {
		try {
			return StrictJson.forFiles().read(bytes);
		}
		catch (IOException e) {
			return null;
		}
	}

}
