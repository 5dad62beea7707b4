package dev.handoff.lint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractProblem;
import dev.handoff.contract.ContractSet;
import dev.handoff.contract.InvalidContractsException;
import dev.handoff.edge.RouteChecks;
import dev.handoff.edge.RouteFile;
import dev.handoff.trigger.TriggerFile;

/**
 * {@code handoff lint}: loads contracts, taxonomy and routes exactly as the service would
 * and reports every problem, plus what only matters in review: an edge without examples,
 * an example that is not well formed. Files are named by their path as given, so CI
 * annotations land on the right file.
 */
public final class Linter {

	public List<ContractProblem> lint(Path contracts, Path routes) {
		List<ContractProblem> problems = new ArrayList<>();
		ContractSet set = null;
		try {
			set = new ContractLoader().load(contracts);
		}
		catch (InvalidContractsException e) {
			e.problems()
				.forEach(
						p -> problems.add(new ContractProblem(display(contracts, p.file()), p.pointer(), p.problem())));
		}
		List<RouteFile> routeFiles = RouteFile.read(routes, problems);
		List<RouteFile> edges = routeFiles.stream().filter(r -> r.path() != null).toList();
		// a trigger may watch any route with an id, the queue edges included
		java.util.Set<String> edgeNames = new java.util.TreeSet<>();
		routeFiles.stream().filter(r -> r.id() != null).forEach(r -> edgeNames.add(r.id()));
		edges.forEach(r -> edgeNames.add(r.path()));
		TriggerFile.read(contracts, edgeNames)
			.problems()
			.forEach(p -> problems.add(new ContractProblem(display(contracts, p.file()), p.pointer(), p.problem())));
		problems.addAll(RouteChecks.problems(routeFiles,
				c -> Files.isRegularFile(contracts.resolve(c + ".schema.json")), contracts.toString()));
		for (RouteFile edge : edges) {
			// a batch edge's events are its contract's messages, and the examples of that
			// contract's edge cover them
			if (!edge.batch()) {
				examples(contracts.resolve("examples").resolve(edge.path()), edge, problems);
			}
		}
		if (set != null && edges.isEmpty()) {
			problems.add(new ContractProblem(routes.toString(), "",
					"no route serves an edge (platform-http:/edges/<name>)"));
		}
		return problems;
	}

	private static void examples(Path folder, RouteFile edge, List<ContractProblem> problems) {
		List<Path> files = List.of();
		if (Files.isDirectory(folder)) {
			try (Stream<Path> list = Files.list(folder)) {
				files = list.filter(f -> f.toString().endsWith(".json")).sorted().toList();
			}
			catch (IOException e) {
				problems.add(new ContractProblem(folder.toString(), "", "cannot be listed: " + e.getMessage()));
			}
		}
		if (files.isEmpty()) {
			problems.add(new ContractProblem(edge.file(), "", "edge '" + edge.path() + "' has no examples in " + folder
					+ ": add at least one accepted message and one per rule it can break"));
		}
		for (Path file : files) {
			try {
				String problem = Example.read(file).problem();
				if (problem != null) {
					problems.add(new ContractProblem(file.toString(), "", problem));
				}
			}
			catch (IOException e) {
				problems.add(new ContractProblem(file.toString(), "",
						"is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
			}
		}
	}

	private static String display(Path contracts, String file) {
		Path candidate = contracts.resolve(file);
		return Files.exists(candidate) || file.endsWith(".json") ? candidate.toString() : file;
	}

}
