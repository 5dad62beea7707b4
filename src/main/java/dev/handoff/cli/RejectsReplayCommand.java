package dev.handoff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code handoff rejects replay ID}: a reject through its edge again, as it is, replaced,
 * or patched.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, description = {
		"Runs a reject through its edge again with today's contracts and truth: POST /api/rejects/{id}/replay.",
		"Accepted, it is delivered to the next tool; rejected again, it stays open and the violations are printed (exit 1)." })
class RejectsReplayCommand extends ReviewCommand {

	/** At most one correction: the whole message, or a patch to it. */
	static final class Correction {

		@Option(names = "--payload", paramLabel = "FILE",
				description = "replay this corrected message instead of the one received")
		Path payload;

		@Option(names = "--patch", paramLabel = "FILE",
				description = "apply this JSON Patch (RFC 6902) to the message received, then replay it")
		Path patch;

	}

	@Parameters(index = "0", paramLabel = "ID", description = "the reject's id, as list shows it")
	String id;

	@ArgGroup(exclusive = true, multiplicity = "0..1")
	Correction correction;

	@Override
	ReviewClient.Answer ask(ReviewClient client) throws ReviewClient.Unreachable {
		String path = "/api/rejects/" + ReviewClient.segment(id) + "/replay";
		if (correction == null) {
			return client.post(path, null, null);
		}
		// the file's bytes go as they are: the service is the one judge of whether they
		// are JSON
		return correction.payload != null ? client.post(path, "application/json", read(correction.payload))
				: client.post(path, "application/json-patch+json", read(correction.patch));
	}

	@Override
	Integer exitCode(ReviewClient.Answer answer) {
		return switch (answer.status()) {
			case 200 -> Cli.OK;
			case 422 -> Cli.PROBLEMS;
			default -> null;
		};
	}

	@Override
	void print(JsonNode answer, PrintWriter out) {
		if ("accepted".equals(answer.path("outcome").asText())) {
			out.println("accepted, delivering as " + Text.value(answer.get("id")));
			return;
		}
		out.println("rejected again, still open:");
		Text.violations(answer.path("violations"), out, "  ");
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			throw new IllegalArgumentException("cannot read " + file + ": no such file");
		}
		catch (IOException e) {
			throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
		}
	}

}
