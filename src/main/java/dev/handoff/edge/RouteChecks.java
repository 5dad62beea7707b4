package dev.handoff.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.handoff.contract.ContractProblem;
import dev.handoff.inbound.InboundAuth;
import dev.handoff.inbound.InboundKind;

/**
 * What makes a set of route files unfit to serve, said per file: used by lint and before
 * a route reload.
 */
public final class RouteChecks {

	private RouteChecks() {
	}

	public static List<ContractProblem> problems(List<RouteFile> routes, Predicate<String> contractExists,
			String contractsFolder) {
		List<ContractProblem> problems = new ArrayList<>();
		java.util.Set<String> starts = new java.util.HashSet<>();
		routes.forEach(r -> starts.add(r.from().replaceFirst("\\?.*$", "")));
		for (RouteFile edge : routes) {
			for (String missing : DeliveryRouteCheck.missing(edge.steps(), starts)) {
				problems.add(new ContractProblem(edge.file(), "", DeliveryRouteCheck.sentence(edge.id(), missing)));
			}
		}
		java.util.Map<String, RouteFile> paths = new java.util.HashMap<>();
		for (RouteFile edge : routes) {
			if (edge.path() == null) {
				continue;
			}
			RouteFile other = paths.putIfAbsent(edge.httpPath(), edge);
			if (other != null) {
				problems.add(new ContractProblem(edge.file(), "",
						"edge '" + edge.path() + "' serves " + edge.httpPath() + ", which edge '" + other.path() + "' ("
								+ other.file() + ") serves already; give one of them another path"));
			}
			HandoffPaths.taken(edge.httpPath())
				.ifPresent(
						owner -> problems.add(new ContractProblem(edge.file(), "", "edge '" + edge.path() + "' serves "
								+ edge.httpPath() + ", a path of Handoff's own " + owner + "; give it another path")));
			if (edge.underEdges() && !edge.path().equals(edge.id())) {
				problems.add(new ContractProblem(edge.file(), "", "route '" + edge.id() + "' serves /edges/"
						+ edge.path() + "; give it the id '" + edge.path() + "'"));
			}
			if (edge.contract() == null) {
				problems.add(new ContractProblem(edge.file(), "", "edge '" + edge.path()
						+ "' has no 'handoff:guard:<contract>' step; an edge without a guard lets anything through"));
			}
			else if (!contractExists.test(edge.contract())) {
				problems.add(new ContractProblem(edge.file(), "",
						"edge '" + edge.path() + "' names contract '" + edge.contract() + "', but " + contractsFolder
								+ " has no " + edge.contract() + ".schema.json"));
			}
			if (edge.contract() != null) {
				inbound(edge).ifPresent(problem -> problems.add(new ContractProblem(edge.file(), "", problem)));
			}
			RouteShape.problems(edge.path(), edge.steps())
				.forEach(p -> problems.add(new ContractProblem(edge.file(), "", p)));
		}
		return problems;
	}

	/**
	 * Why an HTTP edge's guard does not say who may send to it, or names no kind; a
	 * placeholder is judged once resolved, at start.
	 */
	private static Optional<String> inbound(RouteFile edge) {
		String said = InboundKind.optionOf(edge.guard());
		if (said == null) {
			return Optional.of(InboundKind.unsaid("edge '" + edge.path() + "'"));
		}
		if (InboundKind.of(said).isEmpty() && !said.contains("{{")) {
			return Optional.of(InboundKind.unknown("edge '" + edge.path() + "'", said));
		}
		return Optional.empty();
	}

	/**
	 * What keeps an edge of these files from opening to its senders with the secrets this
	 * service was started with: a reload cannot add secrets, so an edge whose kind lacks
	 * them is refused as it would be at start.
	 */
	static List<ContractProblem> secrets(List<RouteFile> routes, InboundAuth auth) {
		List<ContractProblem> problems = new ArrayList<>();
		for (RouteFile edge : routes) {
			String said = edge.path() == null || edge.contract() == null ? null : InboundKind.optionOf(edge.guard());
			InboundKind kind = said == null ? null : InboundKind.of(said).orElse(null);
			if (kind != null) {
				auth.problems(edge.path(), kind)
					.forEach(p -> problems
						.add(new ContractProblem(edge.file(), "", "edge '" + edge.path() + "': " + p)));
			}
		}
		return problems;
	}

}
