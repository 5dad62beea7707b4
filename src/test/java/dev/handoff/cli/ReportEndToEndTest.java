package dev.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code handoff report} against the real service: a marketing-ops lead prints the truth
 * tax of the last hours as a table, as CSV for a spreadsheet and as JSON for a script,
 * each exactly what the API answers; and the exit codes.
 */
class ReportEndToEndTest extends EdgeTestSupport {

	private static final String VIEWER = "test-viewer-token";

	private final InProcessCli cli = new InProcessCli();

	private String since;

	private String until;

	@BeforeEach
	void aFewMessagesCameIn() {
		if (get("/api/truth/C-1001").statusCode() != 200) {
			briefsApproved();
		}
		since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
		assertThat(send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json"))).statusCode())
			.isEqualTo(202);
		assertThat(send("email-campaign", bytes(example("email-campaign", "02-typed-utm-campaign.json"))).statusCode())
			.isEqualTo(422);
		until = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
	}

	/**
	 * {@code handoff report ARGS --url <the service> --token TOKEN}, in process, as
	 * {@code bin/handoff} would run it.
	 */
	private int report(String token, String... args) {
		return cli.against(port, token, "report", args);
	}

	private String api(String query) {
		HttpResponse<String> answer = get("/api/report?since=" + since + "&until=" + until + query, VIEWER);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return answer.body();
	}

	/**
	 * The lines of the report's example in docs/review.md, run as written: each
	 * {@code bin/handoff report} line in process (its redirect left to the shell), the
	 * curl line as the same GET.
	 */
	@Test
	void theExamplesOfTheReviewPageAnswer() throws IOException {
		Matcher block = Pattern.compile("## The truth tax report\n.*?```bash\n(.*?)```", Pattern.DOTALL)
			.matcher(Files.readString(Path.of("docs/review.md")));
		assertThat(block.find()).as("docs/review.md has the report's examples").isTrue();
		int commands = 0;
		for (String line : block.group(1).split("\n")) {
			String command = line.replaceAll("\\s+#\\s.*$", "").replaceAll("\\s*>\\s*\\S+$", "").strip();
			if (command.startsWith("bin/handoff report ")) {
				String[] args = command.substring("bin/handoff report ".length()).split("\\s+");
				assertThat(report(VIEWER, args)).as(command + "\n" + cli.err()).isZero();
				assertThat(cli.out()).as(command).isNotBlank();
				if (command.contains("--format csv")) {
					assertThat(cli.out()).startsWith("since,until,edge,campaign,messages,");
				}
				commands++;
			}
			else if (command.startsWith("curl ")) {
				Matcher url = Pattern.compile("\"http://localhost:8080(/api/report[^\"]*)\"").matcher(command);
				assertThat(url.find()).as(command).isTrue();
				HttpResponse<String> answer = get(url.group(1), VIEWER);
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
				assertThat(answer.body()).contains("\"edge\"");
				commands++;
			}
		}
		assertThat(commands).isEqualTo(3);
	}

	@Test
	void textIsTheDefaultAndIsTheServicesTableAsItCame() {
		assertThat(report(VIEWER, "--since", since, "--until", until)).as(cli::err).isZero();
		assertThat(cli.out()).isEqualTo(api("&format=text"))
			.startsWith("Truth tax report, ")
			.contains("\n\n50 % of messages arrived right the first time; 1 needed rework; none was fixed yet.\n\n");
		assertThat(cli.err()).isEmpty();
	}

	@Test
	void csvIsTheServicesCsvByteForByte() {
		assertThat(report(VIEWER, "--since", since, "--until", until, "--format", "csv")).as(cli::err).isZero();
		assertThat(cli.out()).isEqualTo(api("&format=csv"))
			.startsWith("since,until,edge,campaign,messages,")
			.contains("\r\n");
	}

	@Test
	void jsonIsTheServicesAnswerPrettyPrinted() throws IOException {
		assertThat(report(VIEWER, "--since", since, "--until", until, "--format", "json")).as(cli::err).isZero();
		JsonNode printed = withoutGeneratedAt(cli.out());
		assertThat(printed).isEqualTo(withoutGeneratedAt(api("")));
		assertThat(printed.at("/total/messages").asLong()).as("1 good email, 1 rejected").isEqualTo(2);
		assertThat(cli.out()).startsWith("{\n  \"since\": ");

		assertThat(report(VIEWER, "--since", since, "--until", until, "--json")).isZero();
		assertThat(withoutGeneratedAt(cli.out())).as("--json is --format json").isEqualTo(printed);
	}

	@Test
	void edgeAndCampaignNarrowIt() {
		assertThat(
				report(VIEWER, "--since", since, "--until", until, "--edge", "email-campaign", "--campaign", "C-1001"))
			.isZero();
		assertThat(cli.out()).isEqualTo(api("&format=text&edge=email-campaign&campaign=C-1001"))
			.contains("(edge email-campaign, campaign C-1001)\n\n50 % of messages arrived right the first time;");
	}

	@Test
	void aSinceThatIsNoTimeIsBadUsage() {
		assertThat(report(VIEWER, "--since", "3x")).isEqualTo(2);
		assertThat(cli.err()).isEqualTo(
				"error: Bad request: since '3x' is not a time: give days, hours or minutes back (30d, 12h, 90m), "
						+ "a date (2027-03-01, UTC) or an instant (2027-03-01T00:00:00Z)\n");
		assertThat(cli.out()).isEmpty();
		assertThat(report(VIEWER, "--format", "xml")).isEqualTo(2);
		assertThat(cli.err()).contains("Invalid value for option '--format'");
	}

	@Test
	void aWrongTokenOrNoServiceIsBadUsage() {
		assertThat(report("not-a-configured-token-5f3a", "--since", "30d", "--format", "csv")).isEqualTo(2);
		assertThat(cli.err()).isEqualTo(
				"error: Unauthorized: the bearer token is not one of the configured tokens (handoff.access.tokens)\n"
						+ "hint: pass --token TOKEN or set HANDOFF_TOKEN to a token whose role allows this call\n");
		assertThat(cli.out()).isEmpty();

		// port 9 (discard) on loopback: nothing listens there on the machines this runs
		// on
		assertThat(cli.run("report", "--url", "http://127.0.0.1:9", "--token", VIEWER, "--timeout", "2s")).isEqualTo(2);
		assertThat(cli.err()).startsWith("error: cannot reach http://127.0.0.1:9: ");
	}

	@Test
	void reportIsACommandOfTheJar() {
		assertThat(Cli.isCommand(new String[] { "report", "--since", "30d" })).isTrue();
	}

	private static JsonNode withoutGeneratedAt(String json) {
		try {
			ObjectNode node = (ObjectNode) JSON.readTree(json);
			node.remove("generatedAt");
			return node;
		}
		catch (IOException e) {
			throw new AssertionError(json, e);
		}
	}

}
