package dev.handoff.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractSet;
import dev.handoff.guard.Guard;
import dev.handoff.guard.GuardProperties;
import dev.handoff.guard.Verdict;
import dev.handoff.guard.Violation;

/**
 * {@code handoff test}: runs every example through the same guard the service uses, in
 * memory (no HTTP, no database, no network). Briefs go first so the other edges have
 * truth; an accepted brief becomes the truth exactly as it would in the service, and a
 * held one does not (nobody approves it here).
 */
public final class ExampleRunner {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ContractSet contracts;

	private final Map<String, String> contractOfEdge;

	private final GuardProperties limits;

	/**
	 * @param contractOfEdge edge name to its contract's name (from the routes); an edge
	 * not listed uses the contract of its name
	 */
	public ExampleRunner(ContractSet contracts, Map<String, String> contractOfEdge, GuardProperties limits) {
		this.contracts = contracts;
		this.contractOfEdge = contractOfEdge;
		this.limits = limits;
	}

	/**
	 * One example's outcome.
	 *
	 * @param differences how it ended otherwise than its file says, in words; empty when
	 * it passed
	 * @param violations what the guard found wrong with it (empty when accepted or held)
	 */
	public record Result(Example example, List<String> differences, List<Violation> violations) {

		public boolean passed() {
			return differences.isEmpty();
		}
	}

	public List<Result> run(Path examplesFolder) throws IOException {
		MemoryTruth truth = new MemoryTruth();
		Guard guard = new Guard(limits, truth);
		List<Result> results = new ArrayList<>();
		for (Example example : examples(examplesFolder)) {
			String name = contractOfEdge.getOrDefault(example.edge(), example.edge());
			Contract contract = contracts.find(name).orElse(null);
			if (contract == null) {
				results.add(new Result(example, List.of("no contract '" + name + "' for edge " + example.edge()),
						List.of()));
				continue;
			}
			Verdict verdict = guard.check(contract, contracts.taxonomy(), example.body());
			if (verdict.accepted() && verdict.newTruth() != null) {
				truth.record(verdict.newTruth());
			}
			JsonNode violations = JSON.valueToTree(verdict.violations());
			String outcome = verdict.accepted() ? Expectation.ACCEPTED
					: verdict.held() ? Expectation.HELD : Expectation.REJECTED;
			results.add(new Result(example, Expectation.differences(example.expect(), outcome, verdict.gate(),
					verdict.generated(), verdict.rewritten(), violations), verdict.violations()));
		}
		return results;
	}

	/**
	 * Every example, those of the source contract's edges first, then by edge and file
	 * name.
	 */
	public List<Example> examples(Path folder) throws IOException {
		List<Example> examples = new ArrayList<>();
		try (Stream<Path> files = Files.walk(folder, 2)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.getParent().equals(folder))
				.toList()) {
				examples.add(Example.read(file));
			}
		}
		String source = contracts.source().name();
		List<String> sourceEdges = contractOfEdge.entrySet()
			.stream()
			.filter(e -> e.getValue().equals(source))
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(ArrayList::new));
		sourceEdges.add(source);
		examples.sort(Comparator.comparing((Example e) -> !sourceEdges.contains(e.edge()))
			.thenComparing(Example::edge)
			.thenComparing(Example::file));
		return examples;
	}

}
