package dev.handoff.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code handoff report}: the truth tax report of a running service, as the service
 * writes it in text, JSON or CSV.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, description = {
		"Prints the truth tax report of a running service (GET /api/report): per edge and campaign, messages, "
				+ "first-time-right rate, rejects by rule, rework, time to fix, time stale after late changes, and the top errors.",
		"The service is --url or $HANDOFF_URL (default http://localhost:8080); the token is --token or $HANDOFF_TOKEN (a viewer's will do)." },
		exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:printed",
				"2:bad usage (a --since or --until that is no time), no or a wrong token, or no service at the URL" })
class ReportCommand extends ReviewCommand {

	enum Format {

		text, json, csv

	}

	@Option(names = "--since", paramLabel = "WHEN",
			description = "from when: days, hours or minutes back (30d, 12h, 90m), a date (2027-03-01, UTC) or an instant (default: the service's, 30d)")
	String since;

	@Option(names = "--until", paramLabel = "WHEN",
			description = "up to when (not included), in the same forms (default: now)")
	String until;

	@Option(names = "--edge", paramLabel = "EDGE", description = "only this edge, e.g. email-campaign")
	String edge;

	@Option(names = "--campaign", paramLabel = "CAMPAIGN", description = "only this campaign, e.g. C-1001")
	String campaign;

	@Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
			description = "text (a table for people), json or csv (one row per edge and campaign) (default: ${DEFAULT-VALUE})")
	Format format;

	private Format asked() {
		return service.json ? Format.json : format;
	}

	@Override
	ReviewClient.Answer ask(ReviewClient client) throws ReviewClient.Unreachable {
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("since", since);
		query.put("until", until);
		query.put("edge", edge);
		query.put("campaign", campaign);
		query.put("format", asked());
		return client.get("/api/report", query);
	}

	@Override
	Integer exitCode(ReviewClient.Answer answer) {
		return answer.status() == 200 ? Cli.OK : null;
	}

	@Override
	boolean printsAsItCame(ReviewClient.Answer answer) {
		// only the text or CSV that was asked for: anything else (an error page) is
		// reported as an error
		return answer.status() == 200 && asked() != Format.json
				&& answer.contentType()
					.toLowerCase(Locale.ROOT)
					.startsWith(asked() == Format.csv ? "text/csv" : "text/plain");
	}

	@Override
	void print(JsonNode answer, PrintWriter out) {
		out.println(Text.pretty(answer));
	}

}
