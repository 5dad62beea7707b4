package dev.handoff.cli;

import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handoff.contract.ContractProblem;
import dev.handoff.lint.Linter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code handoff lint [contracts]}: every problem in contracts, taxonomy, routes and
 * examples.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
		description = "Loads contracts, taxonomy and routes as the service would and reports every problem with file and JSON pointer.")
class LintCommand implements Callable<Integer> {

	enum Format {

		text, json, github

	}

	@Spec
	CommandSpec spec;

	@Mixin
	FolderOptions folders;

	@Option(names = "--format", defaultValue = "text",
			description = "text, json or github (GitHub Actions annotations)")
	Format format;

	@Override
	public Integer call() throws Exception {
		List<ContractProblem> problems = new Linter().lint(folders.contracts(), folders.routes());
		var out = spec.commandLine().getOut();
		switch (format) {
			case json ->
				out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(problems));
			case github -> problems.forEach(p -> out.println("::error file=" + property(p.file()) + ",title="
					+ property("handoff lint " + p.pointer()) + "::" + data(p.problem())));
			case text -> {
				problems.forEach(out::println);
				out.println(problems.isEmpty() ? "contracts, taxonomy, routes and examples are fine"
						: problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
			}
		}
		return problems.isEmpty() ? Cli.OK : Cli.PROBLEMS;
	}

	/** GitHub's workflow command escaping for a message. */
	static String data(String s) {
		return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
	}

	/** GitHub's workflow command escaping for a property value. */
	static String property(String s) {
		return data(s).replace(":", "%3A").replace(",", "%2C");
	}

}
