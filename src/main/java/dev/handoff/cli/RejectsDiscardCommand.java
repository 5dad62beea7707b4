package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code handoff rejects discard ID --reason TEXT}: gives up on a reject, saying why, for
 * the audit trail.
 */
@Command(name = "discard", mixinStandardHelpOptions = true, sortOptions = false,
		description = "Discards an open reject: POST /api/rejects/{id}/discard. It is never delivered; the reason is kept in its history.")
class RejectsDiscardCommand extends ReviewCommand {

	@Parameters(index = "0", paramLabel = "ID", description = "the reject's id, as list shows it")
	String id;

	@Option(names = "--reason", required = true, paramLabel = "TEXT",
			description = "why, for whoever reads the history")
	String reason;

	@Override
	ReviewClient.Answer ask(ReviewClient client) throws ReviewClient.Unreachable {
		byte[] body;
		try {
			body = ReviewClient.JSON.writeValueAsBytes(Map.of("reason", reason));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
		return client.post("/api/rejects/" + ReviewClient.segment(id) + "/discard", "application/json", body);
	}

	@Override
	Integer exitCode(ReviewClient.Answer answer) {
		return answer.status() == 200 ? Cli.OK : null;
	}

	@Override
	void print(JsonNode answer, PrintWriter out) {
		out.println("discarded");
	}

}
