package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code handoff rejects show ID}: one reject, why it was refused, what it held, and what
 * was done to it.
 */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
		description = "Shows one reject: GET /api/rejects/{id}. The violations say what was wrong (expected and actual), "
				+ "then the payload as received (pretty-printed when it is JSON) and the history of replays and discards.")
class RejectsShowCommand extends ReviewCommand {

	@Parameters(index = "0", paramLabel = "ID", description = "the reject's id, as list shows it")
	String id;

	@Override
	ReviewClient.Answer ask(ReviewClient client) throws ReviewClient.Unreachable {
		return client.get("/api/rejects/" + ReviewClient.segment(id), Map.of());
	}

	@Override
	Integer exitCode(ReviewClient.Answer answer) {
		return answer.status() == 200 ? Cli.OK : null;
	}

	@Override
	void print(JsonNode reject, PrintWriter out) {
		Table header = new Table();
		header.row("reject", Text.value(reject.get("id")));
		header.row("edge", Text.value(reject.get("edge")));
		String sha = Text.value(reject.get("contractSha256"));
		header.row("contract", Text.value(reject.get("contract")) + (sha == null ? "" : " (sha256 " + sha + ")"));
		header.row("campaign", Text.value(reject.get("campaign")));
		header.row("status", Text.value(reject.get("status")));
		header.row("received", Text.instant(reject.get("receivedAt")));
		if (reject.hasNonNull("source")) {
			header.row("source", Text.value(reject.get("source")));
		}
		header.row("size", reject.path("size").asText("?") + " bytes");
		if (!reject.path("causes").isEmpty()) {
			StringBuilder causes = new StringBuilder();
			reject.path("causes").forEach(c -> causes.append(causes.isEmpty() ? "" : ", ").append(c.asText()));
			header.row("causes", causes.toString());
		}
		header.print(out, "");
		if (reject.path("masked").asBoolean()) {
			out.println(
					"personal data is masked for this token's role; an operator's token shows the payload as received");
		}
		out.println();
		JsonNode violations = reject.path("violations");
		out.println("violations:" + (violations.isEmpty() ? " none" : ""));
		Text.violations(violations, out, "  ");
		out.println();
		out.println("payload:");
		Text.payload(reject.path("payload").asText())
			.lines()
			.forEach(line -> out.println(("  " + line).stripTrailing()));
		out.println();
		JsonNode history = reject.path("history");
		out.println("history:" + (history.isEmpty() ? " none" : ""));
		Text.history(history, out, "  ");
	}

}
