package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code handoff drift}: every campaign and edge behind the current brief, and what must
 * be redone.
 */
@Command(name = "drift", mixinStandardHelpOptions = true, sortOptions = false,
		description = "Lists what is behind the current brief version: GET /api/drift. Exit 0 when nothing is, 1 when something is.")
class DriftCommand extends ReviewCommand {

	@Option(names = "--campaign", paramLabel = "CAMPAIGN", description = "only this campaign, e.g. C-1001")
	String campaign;

	@Option(names = "--edge", paramLabel = "EDGE", description = "only this edge, e.g. email-campaign")
	String edge;

	@Override
	ReviewClient.Answer ask(ReviewClient client) throws ReviewClient.Unreachable {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("campaign", campaign);
		query.put("edge", edge);
		return client.get("/api/drift", query);
	}

	@Override
	Integer exitCode(ReviewClient.Answer answer) {
		if (answer.status() != 200) {
			return null;
		}
		// like a check: a script can fail a release while something is still built on an
		// old brief
		return answer.json() != null && answer.json().isArray() && !answer.json().isEmpty() ? Cli.PROBLEMS : Cli.OK;
	}

	@Override
	void print(JsonNode answer, PrintWriter out) {
		if (answer.isEmpty()) {
			out.println("nothing is behind its brief");
			return;
		}
		Table table = new Table().row("CAMPAIGN", "EDGE", "DELIVERED", "CURRENT", "BEHIND SINCE", "CHANGED");
		for (JsonNode drift : answer) {
			StringBuilder changed = new StringBuilder();
			drift.path("changes")
				.forEach(c -> changed.append(changed.isEmpty() ? "" : ", ").append(c.path("field").asText()));
			table.row(Text.value(drift.get("campaign")), Text.value(drift.get("edge")),
					"v" + drift.path("deliveredVersion").asText(), "v" + drift.path("currentVersion").asText(),
					Text.instant(drift.get("behindSince")), changed.isEmpty() ? null : changed.toString());
		}
		table.print(out, "");
		out.println();
		for (JsonNode drift : answer) {
			out.println("- " + Text.oneLine(drift.path("redo").asText()));
			drift.path("changes")
				.forEach(c -> out.println("    " + c.path("field").asText() + ": " + Text.value(c.get("from")) + " -> "
						+ Text.value(c.get("to"))));
		}
	}

}
