package dev.handoff.contract;

/**
 * One thing wrong with a contract, taxonomy or route file, said so that its author can
 * find it.
 *
 * @param file the file, relative to the folder that was loaded
 * @param pointer a JSON pointer into that file ("" for the whole file)
 * @param problem one sentence
 */
public record ContractProblem(String file, String pointer, String problem) {

	@Override
	public String toString() {
		return file + (pointer.isEmpty() ? "" : " at " + pointer) + ": " + problem;
	}
}
