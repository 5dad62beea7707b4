package dev.handoff.diff;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.json.StrictJson;

/** {@code handoff diff}: classifies every change between two versions of a contracts folder. */
public final class ContractDiff {

	static final String TAXONOMY = "taxonomy.json";

	private ContractDiff() {
	}

	/** @param before file name to content, as {@link GitContracts} reads them */
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
				// without the taxonomy nothing can be generated: that is a truth change; a removed edge is not
				changes.add(new Change(file, "", file.equals(TAXONOMY) ? Impact.BREAKING_FOR_RECEIVERS : Impact.BREAKING_FOR_SENDERS,
						file.equals(TAXONOMY) ? "the taxonomy was removed" : "contract removed: its edge takes no message", file.equals(TAXONOMY)));
				continue;
			}
			JsonNode was = read(before.get(file), file);
			JsonNode now = read(after.get(file), file);
			if (file.equals(TAXONOMY)) {
				changes.addAll(new TruthDiff(file).taxonomy(was, now));
				continue;
			}
			changes.addAll(new SchemaDiff(file).compare(withoutBlock(was), withoutBlock(now)));
			changes.addAll(new TruthDiff(file).handoff(was.path("x-handoff"), now.path("x-handoff")));
			if (now.path("x-handoff").path("contractVersion").asLong(0) > was.path("x-handoff").path("contractVersion").asLong(0)) {
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

	private static JsonNode read(byte[] bytes, String file) {
		try {
			return StrictJson.forFiles().read(bytes);
		}
		catch (IOException e) {
			// a version that is not JSON cannot be compared; lint says why
			return JsonNodeFactory.instance.textNode("(not JSON: " + file + ")");
		}
	}
}
