package dev.handoff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handoff rejects} against the real service: an operator finds a rejected email
 * campaign, reads why, fixes it with a patch and sends it on, and discards another, all
 * from the command line, with the role checks the API makes.
 */
class RejectsEndToEndTest extends EdgeTestSupport {

	private static final String OPERATOR = "test-operator-token";

	private static final String VIEWER = "test-viewer-token";

	@TempDir
	Path dir;

	private final InProcessCli cli = new InProcessCli();

	@BeforeEach
	void theBriefIsTheTruth() {
		briefsApproved();
	}

	/**
	 * {@code handoff rejects ARGS --url <the service> --token TOKEN}, in process, as
	 * {@code bin/handoff} would run it.
	 */
	private int rejects(String token, String... args) {
		return cli.against(port, token, "rejects", args);
	}

	/**
	 * Sends one of the shipped email examples that break their contract; the id of the
	 * reject it became.
	 */
	private String rejected(String example) {
		HttpResponse<String> response = send("email-campaign", bytes(example("email-campaign", example)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		return json(response).get("id").asText();
	}

	private String status(String rejectId) {
		return json(get("/api/rejects/" + rejectId)).get("status").asText();
	}

	@Test
	void listShowsTheRejectsAFilterSelectsAsATable() {
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		String typed = rejected("02-typed-utm-campaign.json");
		String stale = rejected("03-built-from-the-old-brief.json");

		assertThat(rejects(VIEWER, "list", "--edge", "email-campaign", "--since", before.toString())).as(cli::err)
			.isZero();
		List<String> lines = cli.out().lines().toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).matches("ID +EDGE +CAMPAIGN +STATUS +RULES +RECEIVED");
		assertThat(lines.get(1)).matches(stale + " +email-campaign +C-1001 +open +stale-version,must-match +\\S+Z");
		assertThat(lines.get(2)).matches(typed + " +email-campaign +C-1001 +open +generated-mismatch +\\S+Z");
		assertThat(lines.get(3)).isEqualTo("showing 1-2 of 2");

		assertThat(rejects(VIEWER, "list", "--rule", "generated-mismatch", "--status", "open", "--since",
				before.toString(), "--json"))
			.isZero();
		JsonNode page = read(cli.out());
		assertThat(page.get("total").asLong()).isEqualTo(1);
		assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(typed);

		assertThat(rejects(VIEWER, "list", "--until", before.toString(), "--since",
				before.minusSeconds(3600).toString(), "--edge", "nothing"))
			.isZero();
		assertThat(cli.out()).isEqualTo("no rejects match\n");
	}

	@Test
	void showPrintsWhyItWasRejectedThePayloadAndItsHistory() {
		String typed = rejected("02-typed-utm-campaign.json");

		assertThat(rejects(OPERATOR, "show", typed)).as(cli::err).isZero();
		assertThat(cli.out())
			.startsWith("reject    " + typed + "\nedge      email-campaign\ncontract  email-campaign (sha256 ")
			.contains("\nstatus    open\n")
			.contains("violations:\n  /tracking/google_analytics  generated-mismatch  ")
			.contains("  (expected spring-sale-2027-c-1001, got Spring_Sale)\n")
			.contains("payload:\n  {\n    \"type\": \"regular\",\n")
			.contains("\n      \"google_analytics\": \"Spring_Sale\"\n")
			.containsPattern("history:\n  \\S+Z  sender  rejected  open  rules=\\[\"generated-mismatch\"\\]\n$");
	}

	@Test
	void replayWithAPatchThatFixesItDeliversTheFixedMessageOnceAndOnlyOnce() throws IOException {
		String typed = rejected("02-typed-utm-campaign.json");
		// the value was typed by hand: take it out, and the guard generates it from the
		// brief
		Path patch = Files.writeString(dir.resolve("fix.json"),
				"[{\"op\": \"remove\", \"path\": \"/tracking/google_analytics\"}]");

		assertThat(rejects(OPERATOR, "replay", typed, "--patch", patch.toString())).as(cli::err).isZero();
		Matcher accepted = Pattern.compile("accepted, delivering as (\\S+)\n").matcher(cli.out());
		assertThat(accepted.matches()).as(cli::out).isTrue();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))))
				.hasSize(1));
		LoggedRequest delivered = tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))).get(0);
		assertThat(delivered.getHeader("Idempotency-Key")).isEqualTo(accepted.group(1));
		JsonNode message = read(delivered.getBodyAsString());
		assertThat(message.at("/tracking/google_analytics").asText()).isEqualTo("spring-sale-2027-c-1001");
		assertThat(message.at("/settings/subject_line").asText()).isEqualTo("Spring Sale: 30% off everything");
		assertThat(status(typed)).isEqualTo("replayed");

		assertThat(rejects(OPERATOR, "replay", typed)).isEqualTo(1);
		assertThat(cli.err()).isEqualTo("error: Not possible in its current state: reject " + typed
				+ " is replayed; only an open reject can be replayed\n");
		assertThat(cli.out()).isEmpty();

		assertThat(rejects(OPERATOR, "show", typed)).isZero();
		assertThat(cli.out()).contains("\nstatus    replayed\n")
			.containsPattern(
					"  \\S+Z  test-operator  edit      accepted  patch=\\[\\{\"op\":\"remove\",\"path\":\"/tracking/google_analytics\"\\}\\], deliveryId="
							+ Pattern.quote(accepted.group(1)) + "\n");
		// the second replay was refused before anything was sent
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns")))).hasSize(1);
	}

	@Test
	void replayOfAPayloadThatIsStillWrongPrintsTheViolationsAndLeavesItOpen() throws IOException {
		String stale = rejected("03-built-from-the-old-brief.json");
		ObjectNode stillStale = (ObjectNode) example("email-campaign", "03-built-from-the-old-brief.json");
		// the landing URL is put right, the brief version is not
		((ObjectNode) stillStale.get("handoff")).put("landing_url", "https://shop.example.com/spring-sale-2027");
		Path payload = Files.write(dir.resolve("corrected.json"), bytes(stillStale));

		assertThat(rejects(OPERATOR, "replay", stale, "--payload", payload.toString())).isEqualTo(1);
		assertThat(cli.out()).startsWith("rejected again, still open:\n  /handoff/brief_version  stale-version  ")
			.endsWith("  (expected 2, got 1)\n")
			.hasLineCount(2);
		assertThat(status(stale)).isEqualTo("open");
	}

	@Test
	void discardNeedsAReasonAndKeepsItInTheHistory() {
		String typed = rejected("02-typed-utm-campaign.json");
		String stale = rejected("03-built-from-the-old-brief.json");

		assertThat(rejects(OPERATOR, "discard", stale)).isEqualTo(2);
		assertThat(cli.err()).contains("Missing required option: '--reason=TEXT'");
		assertThat(status(stale)).isEqualTo("open");

		assertThat(rejects(OPERATOR, "discard", stale, "--reason",
				"built on the old brief; the email team sends a new one"))
			.isZero();
		assertThat(cli.out()).isEqualTo("discarded\n");
		assertThat(status(stale)).isEqualTo("discarded");
		assertThat(status(typed)).isEqualTo("open");

		assertThat(rejects(OPERATOR, "show", stale)).isZero();
		assertThat(cli.out()).containsPattern(
				"  \\S+Z  test-operator  discard   discarded  reason=built on the old brief; the email team sends a new one\n$");

		assertThat(rejects(OPERATOR, "discard", stale, "--reason", "again")).isEqualTo(1);
		assertThat(cli.err()).startsWith("error: Not possible in its current state: reject " + stale + " is discarded");
	}

	@Test
	void aViewerMayReadButNotReplay() {
		String typed = rejected("02-typed-utm-campaign.json");

		assertThat(rejects(VIEWER, "show", typed)).isZero();
		assertThat(cli.out()).contains("personal data is masked");

		assertThat(rejects(VIEWER, "replay", typed)).isEqualTo(2);
		assertThat(cli.err())
			.isEqualTo("error: Forbidden: token 'test-viewer' has role viewer; this call needs operator\n"
					+ "hint: pass --token TOKEN or set HANDOFF_TOKEN to a token whose role allows this call\n");
		assertThat(status(typed)).isEqualTo("open");
	}

	@Test
	void aTokenTheServiceDoesNotKnowIsBadUsageAndIsNeverPrinted() {
		String unknown = "not-a-configured-token-5f3a";
		assertThat(rejects(unknown, "list")).isEqualTo(2);
		assertThat(cli.err()).isEqualTo(
				"error: Unauthorized: the bearer token is not one of the configured tokens (handoff.access.tokens)\n"
						+ "hint: pass --token TOKEN or set HANDOFF_TOKEN to a token whose role allows this call\n");
		assertThat(cli.out() + cli.err()).doesNotContain(unknown);
	}

	@Test
	void anUnknownIdIsBadUsage() {
		assertThat(rejects(OPERATOR, "show", "00000000-0000-0000-0000-000000000000")).isEqualTo(2);
		assertThat(cli.err()).isEqualTo("error: Not found: no reject '00000000-0000-0000-0000-000000000000'\n");
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (IOException e) {
			throw new AssertionError(json, e);
		}
	}

}
