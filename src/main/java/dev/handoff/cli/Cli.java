package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.Set;

import picocli.CommandLine;

/**
 * The command line of the one jar: {@code serve} (the default) starts the service; the
 * other commands check contracts and messages without starting it, or ({@code rejects},
 * {@code report}) ask a running one. Exit codes: 0 all well, 1 the check found problems,
 * 2 bad usage.
 */
public final class Cli {

	static final int OK = 0;

	static final int PROBLEMS = 1;

	static final int USAGE = 2;

	private static final Set<String> COMMANDS = Set.of("lint", "test", "validate", "diff", "rejects", "drift", "report",
			"help", "--help", "-h", "--version", "-V");

	private Cli() {
	}

	/** True when the arguments name a command other than serve. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	public static int run(String[] args, PrintWriter out, PrintWriter err) {
		CommandLine cli = new CommandLine(new HandoffCommand());
		cli.setOut(out);
		cli.setErr(err);
		cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
			commandLine.getErr().println("handoff " + commandLine.getCommandName() + ": " + e.getMessage());
			return e instanceof IllegalArgumentException ? USAGE : PROBLEMS;
		});
		return cli.execute(args);
	}

}
