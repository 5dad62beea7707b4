package dev.handoff.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handoff.diff.ContractDiff;
import dev.handoff.diff.DiffReport;
import dev.handoff.diff.GitContracts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code handoff diff <ref> [<ref2>]}: what a change to the contracts breaks, and for
 * whom.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, description = {
		"Compares the contracts at a git ref with those at another ref, or in the work tree, and classifies every change: "
				+ "breaking for senders, breaking for receivers, or safe. Changes to what must never vary or is generated are listed apart.",
		"Git is read through JGit: no git command is needed." })
class DiffCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "REF", description = "the version before, e.g. origin/main")
	String before;

	@Parameters(index = "1", arity = "0..1", paramLabel = "REF2",
			description = "the version after (default: the work tree)")
	String after;

	@Option(names = "--contracts", paramLabel = "DIR",
			description = "contracts folder (default: $HANDOFF_CONTRACTS_DIR or contracts)")
	Path contracts;

	@Option(names = "--format", defaultValue = "text", description = "text or json")
	LintCommand.Format format;

	@Override
	public Integer call() throws Exception {
		Path folder = contracts == null ? Folders.contracts() : contracts;
		Map<String, byte[]> was = GitContracts.atRef(folder, before);
		Map<String, byte[]> now = after == null ? GitContracts.inWorkTree(folder) : GitContracts.atRef(folder, after);
		DiffReport report = ContractDiff.compare(was, now);
		var out = spec.commandLine().getOut();
		if (format == LintCommand.Format.json) {
			out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
				.writeValueAsString(
						Map.of("changes", report.changes(), "breaking", report.breaking(), "bumped", report.bumped())));
		}
		else {
			out.print(report.text());
		}
		return report.breaking() ? Cli.PROBLEMS : Cli.OK;
	}

}
