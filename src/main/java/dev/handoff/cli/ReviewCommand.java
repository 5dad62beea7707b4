package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that asks the review API of a running service. It reads the answers it was
 * made for; this class reports the rest the same way for all of them: on standard error,
 * and with exit code 1 for a conflict (not replayable), 2 for anything else (bad request,
 * unknown id, no or wrong token, no service).
 */
abstract class ReviewCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Mixin
	ServiceOptions service;

	/**
	 * Makes the one call this command is for; an IllegalArgumentException is bad usage.
	 */
	abstract ReviewClient.Answer ask(ReviewClient client) throws ReviewClient.Unreachable;

	/**
	 * The exit code for an answer this command reads itself, or null for one that is
	 * reported as an error.
	 */
	abstract Integer exitCode(ReviewClient.Answer answer);

	/** Prints, for a person, an answer this command reads itself. */
	abstract void print(JsonNode answer, PrintWriter out);

	/**
	 * True for an answer this command prints as it came: text or CSV it asked the service
	 * for.
	 */
	boolean printsAsItCame(ReviewClient.Answer answer) {
		return false;
	}

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		ReviewClient client;
		ReviewClient.Answer answer;
		try {
			client = service.client(System::getenv);
			answer = ask(client);
		}
		catch (IllegalArgumentException e) {
			// found only now (a URL from the environment, a file that is not there): one
			// line, not the whole usage
			err.println("error: " + e.getMessage());
			return Cli.USAGE;
		}
		catch (ReviewClient.Unreachable e) {
			err.println("error: " + e.getMessage());
			return Cli.USAGE;
		}
		if (printsAsItCame(answer)) {
			out.print(answer.text());
			out.flush();
			return Cli.OK;
		}
		if (answer.json() == null) {
			// a proxy's error page, a servlet container's default answer, a wrong --url:
			// show what came back
			err.println("error: " + client.base() + " answered " + answer.status()
					+ (answer.contentType().isEmpty() ? "" : " (" + answer.contentType() + ")")
					+ (answer.body().length == 0 ? " with no body" : ":"));
			if (answer.body().length > 0) {
				err.println(Text.block(answer.text()));
			}
			return Cli.USAGE;
		}
		Integer own = exitCode(answer);
		if (service.json) {
			out.println(Text.pretty(answer.json()));
		}
		else if (own != null) {
			print(answer.json(), out);
		}
		return own != null ? own : failed(answer, err);
	}

	private static int failed(ReviewClient.Answer answer, PrintWriter err) {
		JsonNode problem = answer.json();
		String title = problem.path("title").asText(switch (answer.status()) {
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			default -> "HTTP " + answer.status();
		});
		String detail = Text.value(problem.get("detail"));
		err.println("error: " + Text.oneLine(title) + (detail == null ? "" : ": " + Text.oneLine(detail)));
		if (answer.status() == 401 || answer.status() == 403) {
			err.println("hint: pass --token TOKEN or set HANDOFF_TOKEN to a token whose role allows this call");
			return Cli.USAGE;
		}
		return answer.status() == 409 ? Cli.PROBLEMS : Cli.USAGE;
	}

}
