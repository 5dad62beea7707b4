package dev.handoff.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code handoff rejects list}: one page of the rejected queue, narrowed by the filters
 * given.
 */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
		description = "Lists rejects, newest first: GET /api/rejects with the filters given.")
class RejectsListCommand extends ReviewCommand {

	enum Status {

		open, replayed, discarded

	}

	@Option(names = "--edge", paramLabel = "EDGE", description = "only this edge, e.g. email-campaign")
	String edge;

	@Option(names = "--status", paramLabel = "STATUS", description = "open, replayed or discarded")
	Status status;

	@Option(names = "--rule", paramLabel = "RULE",
			description = "only rejects that broke this rule, e.g. must-match or schema:required")
	String rule;

	@Option(names = "--campaign", paramLabel = "CAMPAIGN", description = "only this campaign, e.g. C-1001")
	String campaign;

	@Option(names = "--cause", paramLabel = "CAUSE_ID", description = "only the rejects of this cause")
	String cause;

	@Option(names = "--since", paramLabel = "INSTANT", description = "received at or after, e.g. 2027-03-01T00:00:00Z")
	Instant since;

	@Option(names = "--until", paramLabel = "INSTANT", description = "received before, e.g. 2027-03-02T00:00:00Z")
	Instant until;

	@Option(names = "--page", paramLabel = "N", description = "which page, from 0 (default: the service's, 0)")
	Integer page;

	@Option(names = "--size", paramLabel = "N", description = "rejects per page (default: the service's, 50)")
	Integer size;

	@Override
	ReviewClient.Answer ask(ReviewClient client) throws ReviewClient.Unreachable {
		// only what was given goes out, so the service's own defaults apply to the rest
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("edge", edge);
		query.put("status", status);
		query.put("rule", rule);
		query.put("campaign", campaign);
		query.put("cause", cause);
		query.put("since", since);
		query.put("until", until);
		query.put("page", page);
		query.put("size", size);
		return client.get("/api/rejects", query);
	}

	@Override
	Integer exitCode(ReviewClient.Answer answer) {
		return answer.status() == 200 ? Cli.OK : null;
	}

	@Override
	void print(JsonNode answer, PrintWriter out) {
		JsonNode items = answer.path("items");
		long total = answer.path("total").asLong(items.size());
		String of = total + (answer.path("totalExact").asBoolean(true) ? "" : "+");
		if (items.isEmpty()) {
			out.println(total == 0 ? "no rejects match"
					: "showing none of " + of + ": page " + answer.path("page").asText() + " is past the end");
			return;
		}
		Table table = new Table().row("ID", "EDGE", "CAMPAIGN", "STATUS", "RULES", "RECEIVED");
		for (JsonNode item : items) {
			StringBuilder rules = new StringBuilder();
			item.path("rules").forEach(r -> rules.append(rules.isEmpty() ? "" : ",").append(r.asText()));
			table.row(Text.value(item.get("id")), Text.value(item.get("edge")), Text.value(item.get("campaign")),
					Text.value(item.get("status")), rules.isEmpty() ? null : rules.toString(),
					Text.instant(item.get("receivedAt")));
		}
		table.print(out, "");
		long first = answer.path("page").asLong() * answer.path("size").asLong(items.size()) + 1;
		out.println("showing " + first + "-" + (first + items.size() - 1) + " of " + of);
	}

}
