package dev.handoff.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.everit.json.schema.Schema;

/**
 * Reads {@code x-handoff.gate}: a reason and exactly one of {@code if} (a JSON Schema,
 * checked and compiled like the contract itself: no remote {@code $ref}, patterns on RE2)
 * or {@code changed} (truth fields, on the source contract only). Every problem is
 * collected with its pointer.
 */
final class GateReader {

	static final String AT = "/" + HandoffSpecReader.BLOCK + "/gate";

	private static final Set<String> KEYS = Set.of("reason", "if", "changed");

	private static final String SHAPE = "{\"reason\": \"...\", \"if\": {JSON Schema}} or, on the source contract, "
			+ "{\"reason\": \"...\", \"changed\": [truth fields]}";

	private final String file;

	private final JsonNode contract;

	private final List<ContractProblem> problems;

	GateReader(String file, JsonNode contract, List<ContractProblem> problems) {
		this.file = file;
		this.contract = contract;
		this.problems = problems;
	}

	/** The gate, or null when it is unusable (problems say why). */
	Gate read(JsonNode gate, boolean source, Set<String> truthFields) {
		if (!gate.isObject()) {
			problem(AT, "must be an object: " + SHAPE);
			return null;
		}
		int before = problems.size();
		gate.fieldNames().forEachRemaining(key -> {
			if (!KEYS.contains(key)) {
				problem(AT + "/" + key,
						"unknown key '" + key + "' in a gate (known: " + KEYS.stream().sorted().toList() + ")");
			}
		});
		JsonNode reason = gate.get("reason");
		if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
			problem(AT + "/reason",
					"a gate needs a 'reason': the approver reads it to know what to check, e.g. \"Legal review of "
							+ "regulated offers\"");
		}
		boolean when = gate.has("if");
		boolean changed = gate.has("changed");
		if (when == changed) {
			problem(AT, "a gate has exactly one of 'if' and 'changed', " + (when ? "not both" : "found neither") + ": "
					+ SHAPE);
			return null;
		}
		Schema condition = when ? condition(gate.get("if")) : null;
		List<String> fields = changed ? changed(gate.get("changed"), source, truthFields) : List.of();
		return problems.size() == before ? new Gate(reason.asText(), condition, fields) : null;
	}

	private Schema condition(JsonNode condition) {
		String at = AT + "/if";
		if (!condition.isObject()) {
			problem(at,
					"must be a JSON Schema object that the messages to hold match, e.g. {\"properties\": {...}, \"required\": [...]}");
			return null;
		}
		ObjectNode document = condition.deepCopy();
		// "#/definitions/..." in a gate means what it means everywhere else in the
		// contract
		if (!document.has("definitions") && contract.path("definitions").isObject()) {
			document.set("definitions", contract.get("definitions"));
		}
		List<ContractProblem> found = new ArrayList<>();
		ContractLoader.findRemoteRefs(condition, "", file, found);
		RefLoops.check(document, file, found);
		Patterns.check(condition, file, found);
		Schema schema = found.isEmpty() ? ContractLoader.compile(document, file, found) : null;
		found.forEach(p -> problem(at + p.pointer(), p.problem()));
		return found.isEmpty() ? schema : null;
	}

	private List<String> changed(JsonNode changed, boolean source, Set<String> truthFields) {
		String at = AT + "/changed";
		if (!source) {
			problem(at,
					"'changed' holds a new brief version before it becomes the truth, so it belongs on the source contract "
							+ "(\"source\": true); an edge contract gates with 'if'");
			return List.of();
		}
		if (!changed.isArray() || changed.isEmpty()) {
			problem(at, "must be a non-empty list of truth fields, e.g. [\"landing_url\"]");
			return List.of();
		}
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < changed.size(); i++) {
			JsonNode field = changed.get(i);
			if (!field.isTextual() || !truthFields.contains(field.asText())) {
				problem(at + "/" + i, "'" + field.asText(field.toString()) + "' is not a truth field of this contract "
						+ truthFields.stream().sorted().toList());
			}
			else if (!fields.contains(field.asText())) {
				fields.add(field.asText());
			}
		}
		return fields;
	}

	private void problem(String pointer, String problem) {
		problems.add(new ContractProblem(file, pointer, problem));
	}

}
