package dev.handoff.diff;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link DiffReport} for people: per file, then the truth changes apart, then
 * one summary line.
 */
final class DiffText {

	static final String TRUTH_HEADING = "Changes to what must never vary or is generated "
			+ "(reports split across tools even when every message stays valid):";

	static final String ACCEPTED = "  (accepted: contractVersion raised)";

	private final DiffReport report;

	private final StringBuilder out = new StringBuilder();

	DiffText(DiffReport report) {
		this.report = report;
	}

	String render() {
		Map<String, List<Change>> byFile = report.changes()
			.stream()
			.filter(c -> !c.truth())
			.collect(Collectors.groupingBy(Change::file, TreeMap::new, Collectors.toList()));
		byFile.forEach((file, list) -> {
			out.append(file)
				.append(report.bumped().contains(file) ? "  (contractVersion raised: breaking changes accepted)" : "")
				.append('\n');
			list.forEach(this::line);
		});
		List<Change> truth = report.truthChanges();
		if (!truth.isEmpty()) {
			out.append(byFile.isEmpty() ? "" : "\n").append(TRUTH_HEADING).append('\n');
			truth.forEach(this::line);
		}
		if (!report.changes().isEmpty()) {
			out.append('\n');
		}
		out.append(summary()).append('\n');
		return out.toString();
	}

	private void line(Change change) {
		// said on the line too, as truth changes are listed away from their file's
		// heading
		out.append("  ")
			.append(change)
			.append(change.impact().breaking() && !report.counts(change) ? ACCEPTED : "")
			.append('\n');
	}

	private String summary() {
		List<Change> changes = report.changes();
		if (changes.isEmpty()) {
			return "no changes";
		}
		long breaking = changes.stream().filter(c -> c.impact().breaking()).count();
		long truth = changes.stream().filter(Change::truth).count();
		String counts = changes.size() + " change(s), " + breaking + " breaking, " + truth
				+ " to truth or generated values";
		if (breaking == 0) {
			return counts;
		}
		// the verdict the exit code follows, so a reader knows what to do about it
		return counts
				+ (report.breaking()
						? "; not accepted: raise x-handoff.contractVersion of the contract to accept them"
								+ (changes.stream()
									.anyMatch(c -> c.file().equals(ContractDiff.TAXONOMY) && c.impact().breaking())
											? " (a taxonomy change always counts)" : "")
						: "; accepted (contractVersion raised)");
	}

}
