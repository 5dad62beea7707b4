package dev.handoff.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * The command line run in process, as {@code bin/handoff} would run it, with what it
 * printed kept for the test to read: one harness for the end-to-end tests of the commands
 * that call the service.
 */
final class InProcessCli {

	private StringWriter out = new StringWriter();

	private StringWriter err = new StringWriter();

	/** {@code handoff ARGS}, exactly as given; its exit code. */
	int run(String... args) {
		out = new StringWriter();
		err = new StringWriter();
		CommandLine cli = new CommandLine(new HandoffCommand());
		cli.setOut(new PrintWriter(out, true));
		cli.setErr(new PrintWriter(err, true));
		return cli.execute(args);
	}

	/**
	 * {@code handoff COMMAND ARGS --url <the service> --token TOKEN}: a command against
	 * the service the test started.
	 */
	int against(int port, String token, String command, String... args) {
		List<String> all = new ArrayList<>(List.of(command));
		all.addAll(List.of(args));
		all.addAll(List.of("--url", "http://localhost:" + port, "--token", token));
		return run(all.toArray(String[]::new));
	}

	/** What the last run printed on standard output. */
	String out() {
		return out.toString();
	}

	/** What the last run printed on standard error. */
	String err() {
		return err.toString();
	}

}
