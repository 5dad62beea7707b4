package dev.handoff.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Every change between two versions of a contracts folder, and whether the change as a
 * whole breaks: a breaking change counts unless its contract's
 * {@code x-handoff.contractVersion} was raised; a breaking change to the taxonomy always
 * counts.
 *
 * @param changes every change, per file in order
 * @param bumped the contract files whose declared version was raised
 */
public record DiffReport(List<Change> changes, Set<String> bumped) {

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	public DiffReport {
		changes = List.copyOf(changes);
		bumped = Set.copyOf(bumped);
	}

	/** True when a breaking change is not covered by a raised contractVersion. */
	public boolean breaking() {
		return changes.stream().anyMatch(this::counts);
	}

	/** True for a breaking change that is not accepted by a raised contractVersion. */
	public boolean counts(Change change) {
		return change.impact().breaking() && !bumped.contains(change.file());
	}

	/**
	 * The changes to what must never vary or is generated, also part of
	 * {@link #changes()}.
	 */
	public List<Change> truthChanges() {
		return changes.stream().filter(Change::truth).toList();
	}

	/**
	 * For people: one line per change grouped per file, truth changes in a section of
	 * their own, a summary last.
	 */
	public String text() {
		return new DiffText(this).render();
	}

	/**
	 * For tools: the changes, the truth changes, the raised contracts and the verdict.
	 */
	public String json() {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("breaking", breaking());
		out.put("bumped", new TreeSet<>(bumped));
		out.put("changes", changes);
		out.put("truthChanges", truthChanges());
		try {
			return JSON.writeValueAsString(out);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("a diff report of plain values cannot fail to serialise", e);
		}
	}
}
