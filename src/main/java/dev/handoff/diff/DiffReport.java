package dev.handoff.diff;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every change between two versions of a contracts folder, and whether the change as a whole breaks:
 * a breaking change counts unless its contract's {@code x-handoff.contractVersion} was raised; a breaking
 * change to the taxonomy always counts.
 *
 * @param changes every change, per file in order
 * @param bumped the contract files whose declared version was raised
 */
public record DiffReport(List<Change> changes, Set<String> bumped) {

	public boolean breaking() {
		return changes.stream().anyMatch(c -> c.impact().breaking() && !bumped.contains(c.file()));
	}

	public String text() {
		StringBuilder out = new StringBuilder();
		Map<String, List<Change>> byFile = changes.stream().filter(c -> !c.truth())
			.collect(Collectors.groupingBy(Change::file, TreeMap::new, Collectors.toList()));
		byFile.forEach((file, list) -> {
			out.append(file).append(bumped.contains(file) ? "  (contractVersion raised: breaking changes accepted)" : "").append('\n');
			list.forEach(c -> out.append("  ").append(c.pointer().isEmpty() ? "(file)" : c.pointer()).append("  ").append(c.impact().words())
				.append(": ").append(c.description()).append('\n'));
		});
		List<Change> truth = changes.stream().filter(Change::truth).toList();
		if (!truth.isEmpty()) {
			out.append("\nChanges to what must never vary or is generated (reports split across tools even when messages stay valid):\n");
			truth.forEach(c -> out.append("  ").append(c).append('\n'));
		}
		long breaking = changes.stream().filter(c -> c.impact().breaking()).count();
		out.append(changes.isEmpty() ? "no changes" : changes.size() + " change(s), " + breaking + " breaking, " + truth.size()
				+ " to truth or generated values")
			.append(breaking == 0 ? "" : breaking() ? "; not accepted: raise x-handoff.contractVersion of the contract to accept them"
					: "; accepted (contractVersion raised)")
			.append('\n');
		return out.toString();
	}
}
