package dev.handoff.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractProblem;
import dev.handoff.contract.ContractSet;
import dev.handoff.edge.RouteFile;
import dev.handoff.guard.GuardProperties;
import dev.handoff.guard.Violation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every shipped example that is rejected reads, word for word, as
 * {@link ShippedExampleWording} says: run through the guard in memory as
 * {@code handoff test} runs them, briefs first.
 */
class ShippedExampleWordingTest {

	private static final Path CONTRACTS = Path.of("contracts");

	private static List<ExampleRunner.Result> results() throws IOException {
		ContractSet set = new ContractLoader().load(CONTRACTS);
		List<ContractProblem> problems = new ArrayList<>();
		Map<String, String> contractOfEdge = RouteFile.read(Path.of("routes"), problems)
			.stream()
			.filter(r -> r.path() != null && r.contract() != null)
			.collect(Collectors.toMap(RouteFile::path, RouteFile::contract, (a, b) -> a));
		return new ExampleRunner(set, contractOfEdge, new GuardProperties(1_048_576, 32, 64))
			.run(CONTRACTS.resolve("examples"));
	}

	@TestFactory
	Stream<DynamicTest> eachRejectedExampleReadsAsWritten() throws IOException {
		return results().stream()
			.filter(r -> r.example().expect().path("outcome").asText().equals("rejected"))
			.map(r -> DynamicTest.dynamicTest(r.example().name(), () -> {
				assertThat(r.passed()).as(r.differences().toString()).isTrue();
				assertThat(ShippedExampleWording.MESSAGES).as("the table words every rejected example")
					.containsKey(r.example().name());
				// Everit reports failing keywords in no order a reader relies on; the
				// words are what matters
				assertThat(r.violations()).extracting(Violation::message)
					.containsExactlyInAnyOrderElementsOf(ShippedExampleWording.MESSAGES.get(r.example().name()));
			}));
	}

	@Test
	void theTableHasNoExampleThatIsNotRejected() throws IOException {
		List<String> rejected = results().stream()
			.filter(r -> r.example().expect().path("outcome").asText().equals("rejected"))
			.map(r -> r.example().name())
			.toList();
		assertThat(ShippedExampleWording.MESSAGES.keySet()).containsExactlyInAnyOrderElementsOf(rejected);
	}

}
