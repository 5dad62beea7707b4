package dev.handoff.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.handoff.contract.ContractProblem;

/** What makes a set of route files unfit to serve, said per file: used by lint and before a route reload. */
public final class RouteChecks {

	private RouteChecks() {
	}

	public static List<ContractProblem> problems(List<RouteFile> routes, Predicate<String> contractExists, String contractsFolder) {
		List<ContractProblem> problems = new ArrayList<>();
		java.util.Set<String> starts = new java.util.HashSet<>();
		routes.forEach(r -> starts.add(r.from().replaceFirst("\\?.*$", "")));
		for (RouteFile edge : routes) {
			for (String missing : DeliveryRouteCheck.missing(edge.steps(), starts)) {
				problems.add(new ContractProblem(edge.file(), "", DeliveryRouteCheck.sentence(edge.id(), missing)));
			}
		}
		for (RouteFile edge : routes) {
			if (edge.path() == null) {
				continue;
			}
			if (!edge.path().equals(edge.id())) {
				problems.add(new ContractProblem(edge.file(), "", "route '" + edge.id() + "' serves /edges/" + edge.path()
						+ "; give it the id '" + edge.path() + "'"));
			}
			if (edge.contract() == null) {
				problems.add(new ContractProblem(edge.file(), "", "edge '" + edge.path()
						+ "' has no 'handoff:guard:<contract>' step; an edge without a guard lets anything through"));
			}
			else if (!contractExists.test(edge.contract())) {
				problems.add(new ContractProblem(edge.file(), "", "edge '" + edge.path() + "' names contract '" + edge.contract()
						+ "', but " + contractsFolder + " has no " + edge.contract() + ".schema.json"));
			}
			RouteShape.problems(edge.path(), edge.steps()).forEach(p -> problems.add(new ContractProblem(edge.file(), "", p)));
		}
		return problems;
	}
}
