package dev.handoff.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.audit.AuditEntry;
import dev.handoff.audit.AuditLog;
import dev.handoff.guard.Violation;
import dev.handoff.reject.Reject;
import org.springframework.stereotype.Component;

/**
 * A reject's story for the reject screen: its arrival, then each replay, edit and discard
 * from the audit trail.
 */
@Component
class History {

	private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
	};

	private final AuditLog audit;

	private final ObjectMapper mapper;

	History(AuditLog audit, ObjectMapper mapper) {
		this.audit = audit;
		this.mapper = mapper;
	}

	/**
	 * One thing that happened.
	 *
	 * @param at when
	 * @param actor who
	 * @param what what they did, in words
	 * @param outcome what came of it, in words
	 * @param tone {@code good}, {@code bad} or {@code quiet}, for colour
	 * @param notes the change made, the reason given, or why details are hidden
	 * @param violations what was still wrong, after a replay that was rejected again
	 */
	record Step(Instant at, String actor, String what, String outcome, String tone, List<String> notes,
			List<Explained> violations) {
	}

	List<Step> of(Reject reject, boolean masked) {
		List<Step> steps = new ArrayList<>();
		List<String> rules = reject.violations().stream().map(v -> RuleWords.of(v.rule()).title()).distinct().toList();
		steps.add(new Step(reject.receivedAt(), reject.source() == null ? "the sender" : reject.source(), "Arrived",
				"rejected", "bad", List.of("Why: " + String.join(", ", rules)), List.of()));
		for (AuditEntry entry : audit.forSubject(reject.id())) {
			steps.add(step(entry, masked));
		}
		return steps;
	}

	private Step step(AuditEntry entry, boolean masked) {
		Map<String, Object> detail = entry.detail() == null ? Map.of() : entry.detail();
		String what = switch (entry.action()) {
			case "replay" -> "Replayed as it was";
			case "edit" -> "Replayed with changes";
			case "discard" -> "Discarded";
			default -> entry.action();
		};
		if (detail.containsKey("bulk")) {
			what += " (in a bulk replay)";
		}
		String outcome = switch (String.valueOf(entry.outcome())) {
			case "accepted" -> "accepted and sent on";
			case "rejected" -> "rejected again";
			case "discarded" -> "taken out of the queue";
			default -> String.valueOf(entry.outcome());
		};
		String tone = "accepted".equals(entry.outcome()) ? "good"
				: "rejected".equals(entry.outcome()) ? "bad" : "quiet";
		if (masked) {
			// an edit or a reason can carry the very personal values a viewer must not
			// see
			return new Step(entry.at(), entry.actor(), what, outcome, tone, List.of("Details are hidden for viewers."),
					List.of());
		}
		List<String> notes = new ArrayList<>();
		if (detail.get("reason") != null) {
			notes.add("Reason: " + UiModel.FORMAT.clip(String.valueOf(detail.get("reason"))));
		}
		notes.addAll(changes(detail.get("diff")));
		notes.addAll(changes(detail.get("patch")));
		List<Explained> violations = detail.get("violations") == null ? List.of()
				: Explained.of(mapper.convertValue(detail.get("violations"), VIOLATIONS));
		return new Step(entry.at(), entry.actor(), what, outcome, tone, notes, violations);
	}

	/**
	 * A JSON Patch (or diff) as sentences: "changed context › campaign › medium to
	 * email".
	 */
	private List<String> changes(Object patch) {
		List<String> notes = new ArrayList<>();
		JsonNode operations = mapper.valueToTree(patch);
		if (operations == null || !operations.isArray()) {
			return notes;
		}
		if (operations.isEmpty()) {
			notes.add("No value changed.");
		}
		for (JsonNode op : operations) {
			String field = UiModel.FORMAT.field(op.path("path").asText());
			String value = op.has("value") ? UiModel.FORMAT.clip(UiModel.FORMAT.value(op.get("value"))) : "";
			notes.add(switch (op.path("op").asText()) {
				case "replace" -> "Changed " + field + " to " + value;
				case "add" -> "Added " + field + ": " + value;
				case "remove" -> "Removed " + field;
				case "move" -> "Moved " + UiModel.FORMAT.field(op.path("from").asText()) + " to " + field;
				case "copy" -> "Copied " + UiModel.FORMAT.field(op.path("from").asText()) + " to " + field;
				default -> op.path("op").asText() + " " + field;
			});
		}
		return notes;
	}

}
