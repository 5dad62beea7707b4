package dev.handoff.cli;

import picocli.CommandLine.Command;

/** {@code handoff}: the root command; its subcommands do the work. */
@Command(name = "handoff", mixinStandardHelpOptions = true, version = "handoff 0.1.0",
		description = "Guards campaign truth between marketing tools. Without a command, the service starts (serve).",
		subcommands = { LintCommand.class, TestCommand.class, ValidateCommand.class, DiffCommand.class,
				RejectsCommand.class, DriftCommand.class, ReportCommand.class, picocli.CommandLine.HelpCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:all is well", "1:the check found problems (rejects: rejected again, or no longer open)",
				"2:bad usage (rejects, report: also an unknown id, no or a wrong token, no service at the URL)" })
class HandoffCommand {

}
