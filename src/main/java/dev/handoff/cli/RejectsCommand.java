package dev.handoff.cli;

import picocli.CommandLine.Command;

/**
 * {@code handoff rejects list|show|replay|discard}: the rejected queue of a running
 * service.
 */
@Command(name = "rejects", mixinStandardHelpOptions = true, description = {
		"Reads and works the rejected queue of a running service through its review API.",
		"The service is --url or $HANDOFF_URL (default http://localhost:8080); the token is --token or $HANDOFF_TOKEN: "
				+ "a viewer's to list and show, an operator's to replay and discard." },
		subcommands = { RejectsListCommand.class, RejectsShowCommand.class, RejectsReplayCommand.class,
				RejectsDiscardCommand.class },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:done",
				"1:the replayed message was rejected again, or the reject cannot be replayed or discarded (no longer open)",
				"2:bad usage, an unknown id, no or a wrong token, or no service at the URL" })
class RejectsCommand {

}
