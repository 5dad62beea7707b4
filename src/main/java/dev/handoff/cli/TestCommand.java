package dev.handoff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractProblem;
import dev.handoff.contract.ContractSet;
import dev.handoff.edge.RouteFile;
import dev.handoff.guard.GuardProperties;
import dev.handoff.lint.ExampleRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code handoff test [contracts]}: every example through the guard, checked against its
 * expectation.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
		description = "Runs every example in CONTRACTS/examples/<edge>/ through the guard (in memory: no HTTP, no database) "
				+ "and checks what each expects.")
class TestCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	FolderOptions folders;

	@Override
	public Integer call() throws Exception {
		Path folder = folders.contracts();
		ContractSet set = new ContractLoader().load(folder);
		List<ContractProblem> routeProblems = new ArrayList<>();
		Map<String, String> contractOfEdge = RouteFile.read(folders.routes(), routeProblems)
			.stream()
			.filter(r -> r.path() != null && r.contract() != null)
			.collect(Collectors.toMap(RouteFile::path, RouteFile::contract, (a, b) -> a));
		List<ExampleRunner.Result> results = new ExampleRunner(set, contractOfEdge,
				new GuardProperties(1_048_576, 32, 64))
			.run(folder.resolve("examples"));
		PrintWriter out = spec.commandLine().getOut();
		for (ExampleRunner.Result result : results) {
			String description = result.example().spec().path("description").asText();
			out.println((result.passed() ? "PASS " : "FAIL ") + result.example().name() + "  " + description);
			result.differences().forEach(d -> out.println("     " + d));
		}
		long failed = results.stream().filter(r -> !r.passed()).count();
		out.println((results.size() - failed) + " passed, " + failed + " failed");
		return failed == 0 && !results.isEmpty() ? Cli.OK : Cli.PROBLEMS;
	}

}
