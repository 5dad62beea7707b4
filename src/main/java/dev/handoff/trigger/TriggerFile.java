package dev.handoff.trigger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.ContractProblem;

/**
 * Reads {@code triggers.json} beside the contracts and says precisely what is wrong with
 * it, for the service (which keeps its last good rules) and for {@code handoff lint}. No
 * file means no triggers.
 */
public final class TriggerFile {

	public static final String FILE = "triggers.json";

	private static final List<String> KINDS = Arrays.stream(Trigger.Kind.values())
		.map(Trigger.Kind::value)
		.sorted()
		.toList();

	private static final Set<String> FIELDS = Set.of("name", "when", "edge", "threshold", "window", "olderThan");

	private TriggerFile() {
	}

	/**
	 * The rules and the problems found; the rules are only meaningful when there are no
	 * problems.
	 */
	public record Read(List<Trigger> triggers, List<ContractProblem> problems) {
	}

	/**
	 * @param knownEdges the edges that exist, to catch a misspelt edge; null to skip that
	 * check
	 */
	public static Read read(Path contracts, Set<String> knownEdges) {
		Path file = contracts.resolve(FILE);
		List<Trigger> triggers = new ArrayList<>();
		List<ContractProblem> problems = new ArrayList<>();
		if (!Files.exists(file)) {
			return new Read(triggers, problems);
		}
		JsonNode root;
		try {
			root = new ObjectMapper().readTree(Files.readAllBytes(file));
		}
		catch (IOException e) {
			problems.add(new ContractProblem(FILE, "",
					"is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
			return new Read(triggers, problems);
		}
		JsonNode list = root == null ? null : root.get("triggers");
		if (list == null || !list.isArray()) {
			problems.add(new ContractProblem(FILE, "/triggers", "must be an array of triggers"));
			return new Read(triggers, problems);
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < list.size(); i++) {
			Trigger trigger = trigger(list.get(i), "/triggers/" + i, knownEdges, problems);
			if (trigger != null && !names.add(trigger.name())) {
				problems.add(new ContractProblem(FILE, "/triggers/" + i + "/name",
						"'" + trigger.name() + "' is used twice; names must be unique"));
			}
			else if (trigger != null) {
				triggers.add(trigger);
			}
		}
		return new Read(List.copyOf(triggers), problems);
	}

	private static Trigger trigger(JsonNode node, String at, Set<String> knownEdges, List<ContractProblem> problems) {
		int before = problems.size();
		if (!node.isObject()) {
			problems.add(new ContractProblem(FILE, at, "must be an object with name, when and its limits"));
			return null;
		}
		for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
			String field = it.next();
			if (!FIELDS.contains(field)) {
				problems.add(new ContractProblem(FILE, at + "/" + field,
						"unknown field (known: " + FIELDS.stream().sorted().toList() + ")"));
			}
		}
		String name = node.path("name").asText("");
		if (!name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			problems.add(new ContractProblem(FILE, at + "/name",
					"must be lower-case letters, digits and dashes; got '" + name + "'"));
		}
		String text = node.path("when").asText("");
		Trigger.Kind when = Trigger.Kind.of(text).orElse(null);
		if (when == null) {
			problems.add(new ContractProblem(FILE, at + "/when", "must be one of " + KINDS + "; got '" + text + "'"));
		}
		String edge = node.hasNonNull("edge") ? node.get("edge").asText() : null;
		if (edge != null && knownEdges != null && !knownEdges.contains(edge)) {
			problems.add(new ContractProblem(FILE, at + "/edge",
					"no edge '" + edge + "' (edges: " + knownEdges.stream().sorted().toList() + ")"));
		}
		int threshold = 0;
		Duration window = null;
		Duration olderThan = null;
		if (when != null) {
			switch (when) {
				case REJECTS -> {
					if (!node.path("threshold").canConvertToInt() || node.path("threshold").asInt() < 0
							|| !node.path("threshold").isIntegralNumber()) {
						problems.add(new ContractProblem(FILE, at + "/threshold",
								"a 'rejects' trigger needs a threshold: a whole number >= 0"));
					}
					threshold = node.path("threshold").asInt();
					window = duration(node, "window", at, problems);
				}
				case OPEN_REJECT_AGE, OUTBOX_AGE, DRIFT_AGE -> olderThan = duration(node, "olderThan", at, problems);
			}
		}
		return problems.size() == before ? new Trigger(name, when, edge, threshold, window, olderThan) : null;
	}

	private static Duration duration(JsonNode node, String field, String at, List<ContractProblem> problems) {
		if (!node.hasNonNull(field)) {
			problems.add(new ContractProblem(FILE, at + "/" + field, "a '" + node.path("when").asText()
					+ "' trigger needs " + field + ", a duration like 15m, 4h or 2d"));
			return null;
		}
		try {
			return Durations.parse(node.path(field).asText(null));
		}
		catch (IllegalArgumentException e) {
			problems.add(new ContractProblem(FILE, at + "/" + field, e.getMessage()));
			return null;
		}
	}

}
