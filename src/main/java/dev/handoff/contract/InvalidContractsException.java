package dev.handoff.contract;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when the contracts folder cannot be loaded; carries every problem found, not
 * just the first.
 */
public class InvalidContractsException extends RuntimeException {

	private final List<ContractProblem> problems;

	public InvalidContractsException(String folder, List<ContractProblem> problems) {
		super("Contracts in " + folder + " are invalid:\n"
				+ problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
		this.problems = List.copyOf(problems);
	}

	public List<ContractProblem> problems() {
		return problems;
	}

}
