package dev.handoff.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code handoff rejects} against a stand-in for the service: the exact call each command
 * makes, and what it prints and exits with for every kind of answer, including those the
 * service does not give yet.
 */
class RejectsCommandTest {

	private static final String TOKEN = "t0k-s3cret";

	private static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@TempDir
	Path dir;

	private StringWriter out;

	private StringWriter err;

	private static String url() {
		return "http://127.0.0.1:" + service.getPort();
	}

	/** {@code handoff rejects ARGS --url <stand-in> --token TOKEN}. */
	private int rejects(String... args) {
		List<String> all = new ArrayList<>(List.of("rejects"));
		all.addAll(List.of(args));
		all.addAll(List.of("--url", url(), "--token", TOKEN));
		return run(all.toArray(String[]::new));
	}

	private int run(String... args) {
		out = new StringWriter();
		err = new StringWriter();
		return Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
	}

	private static void answers(int status, String contentType, String body) {
		service.stubFor(any(anyUrl())
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType).withBody(body)));
	}

	private static void answersJson(int status, String body) {
		answers(status, "application/json", body);
	}

	private static void answersProblem(int status, String title, String detail) {
		answers(status, "application/problem+json", "{\"type\": \"https://handoff.dev/problems/x\", \"title\": \""
				+ title + "\", \"status\": " + status + ", \"detail\": \"" + detail + "\"}");
	}

	/** The one request the command made. */
	private static LoggedRequest theRequest() {
		List<LoggedRequest> requests = service.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static void noRequestWasMade() {
		assertThat(service.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private Path file(String name, String content) throws IOException {
		return Files.writeString(dir.resolve(name), content);
	}

	@Test
	void theJarRunsRejectsAsACommandAndDoesNotStartTheService() {
		assertThat(Cli.isCommand(new String[] { "rejects", "list" })).isTrue();
	}

	@Nested
	class ListRejects {

		private static final String TWO = """
				{"items": [
				  {"id": "r-1", "edge": "email-campaign", "contract": "email-campaign", "campaign": "C-1001", "status": "open",
				   "rules": ["stale-version", "must-match"], "size": 812, "receivedAt": "2027-03-01T09:15:02.123456Z"},
				  {"id": "r-22", "edge": "cms-landing-page", "contract": "cms-landing-page", "campaign": null, "status": "replayed",
				   "rules": ["parse"], "size": 3, "receivedAt": "2027-03-01T10:00:00Z"}],
				 "page": 0, "size": 50, "total": 2}""";

		@Test
		void sendsEveryFilterUnderTheServiceNameWithTheToken() {
			answersJson(200, "{\"items\": [], \"page\": 2, \"size\": 10, \"total\": 0}");
			assertThat(rejects("list", "--edge", "email-campaign", "--status", "open", "--rule", "schema:required",
					"--campaign", "C-1001", "--cause", "cause 7", "--since", "2027-03-01T00:00:00Z", "--until",
					"2027-03-02T12:30:00Z", "--page", "2", "--size", "10"))
				.as(err::toString)
				.isZero();
			LoggedRequest request = theRequest();
			assertThat(request.getMethod()).isEqualTo(RequestMethod.GET);
			assertThat(request.getUrl())
				.isEqualTo("/api/rejects?edge=email-campaign&status=open&rule=schema%3Arequired&campaign=C-1001"
						+ "&cause=cause+7&since=2027-03-01T00%3A00%3A00Z&until=2027-03-02T12%3A30%3A00Z&page=2&size=10");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
			assertThat(request.getHeader("Accept")).isEqualTo("application/json, application/problem+json");
		}

		@Test
		void sendsNoFilterThatWasNotGivenSoTheServiceDefaultsApply() {
			answersJson(200, "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}");
			assertThat(rejects("list")).isZero();
			assertThat(theRequest().getUrl()).isEqualTo("/api/rejects");
		}

		@Test
		void printsAnAlignedTableAndWhichRejectsItShows() {
			answersJson(200, TWO);
			assertThat(rejects("list")).isZero();
			assertThat(out.toString()).isEqualTo("""
					ID    EDGE              CAMPAIGN  STATUS    RULES                     RECEIVED
					r-1   email-campaign    C-1001    open      stale-version,must-match  2027-03-01T09:15:02Z
					r-22  cms-landing-page  -         replayed  parse                     2027-03-01T10:00:00Z
					showing 1-2 of 2
					""");
			assertThat(err.toString()).isEmpty();
		}

		@Test
		void countsWhatItShowsFromThePageAndItsSize() {
			answersJson(200,
					"""
							{"items": [{"id": "r-5", "edge": "e", "campaign": "C-1", "status": "open", "rules": ["parse"], "receivedAt": "2027-03-01T10:00:00Z"},
							           {"id": "r-6", "edge": "e", "campaign": "C-1", "status": "open", "rules": ["parse"], "receivedAt": "2027-03-01T10:00:00Z"}],
							 "page": 2, "size": 2, "total": 7}""");
			assertThat(rejects("list", "--page", "2", "--size", "2")).isZero();
			assertThat(out.toString()).endsWith("showing 5-6 of 7\n");
		}

		@Test
		void saysSoWhenNothingMatchesOrThePageIsPastTheEnd() {
			answersJson(200, "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}");
			assertThat(rejects("list", "--edge", "nothing-here")).isZero();
			assertThat(out.toString()).isEqualTo("no rejects match\n");

			service.resetAll();
			answersJson(200, "{\"items\": [], \"page\": 9, \"size\": 50, \"total\": 3}");
			assertThat(rejects("list", "--page", "9")).isZero();
			assertThat(out.toString()).isEqualTo("showing none of 3: page 9 is past the end\n");
		}

		@Test
		void printsTheServiceJsonAsItIsAndPrettyWithJson() throws IOException {
			answersJson(200, TWO);
			assertThat(rejects("list", "--json")).isZero();
			assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(TWO));
			assertThat(out.toString()).startsWith("{\n  \"items\": [\n    {\n      \"id\": \"r-1\",")
				.contains("\"receivedAt\": \"2027-03-01T09:15:02.123456Z\"");
		}

		@Test
		void makesControlCharactersInWhatSendersTypedVisible() {
			answersJson(200,
					"""
							{"items": [{"id": "r-1", "edge": "e", "campaign": "C-1\\u001b[2J\\nfake line", "status": "open", "rules": [],
							            "receivedAt": "2027-03-01T10:00:00Z"}], "page": 0, "size": 50, "total": 1}""");
			assertThat(rejects("list")).isZero();
			assertThat(out.toString()).contains("C-1\\u001b[2J\\nfake line").doesNotContain("\u001b").hasLineCount(3);
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				a status that is not open, replayed or discarded | --status | closed     | --status
				a since that is not an instant                   | --since  | yesterday  | --since
				an until that is not an instant                  | --until  | 2027-03-01 | --until
				a page that is not a number                      | --page   | first      | --page
				""")
		void refusesBadUsageWithoutAskingTheService(String what, String option, String value, String named) {
			assertThat(rejects("list", option, value)).isEqualTo(2);
			assertThat(err.toString()).contains(named);
			noRequestWasMade();
		}

	}

	@Nested
	class Show {

		private static final String REJECT = """
				{"id": "r-1", "edge": "email-campaign", "contract": "email-campaign", "campaign": "C-1001", "status": "open",
				 "rules": ["stale-version", "must-match", "schema:required"], "size": 64, "receivedAt": "2027-03-01T09:15:02.5Z",
				 "contractSha256": "9f2c", "contentType": "application/json", "masked": false, "causes": ["email-campaign.stale", "email-campaign.must"],
				 "payload": "{\\"campaign_id\\":\\"C-1001\\",\\"brief_version\\":1,\\"tags\\":[\\"a\\"]}",
				 "violations": [
				   {"pointer": "/brief_version", "rule": "stale-version", "message": "built on an old brief", "expected": 2, "actual": 1},
				   {"pointer": "/landing_url", "rule": "must-match", "message": "landing_url must be the brief's", "expected": "https://shop.example.com/s", "actual": null},
				   {"pointer": "", "rule": "schema:required", "message": "subject is required", "expected": null, "actual": null}],
				 "history": [
				   {"at": "2027-03-01T09:20:00.000001Z", "actor": "ops-anna", "action": "replay", "outcome": "rejected", "detail": {"rules": ["stale-version"]}},
				   {"at": "2027-03-01T09:25:00Z", "actor": "ops-anna", "action": "discard", "outcome": "discarded", "detail": {"reason": "sent again by hand"}}]}""";

		@Test
		void asksForTheRejectByItsIdAsOnePathSegment() {
			answersJson(200, REJECT);
			assertThat(rejects("show", "r 1/../2")).isZero();
			LoggedRequest request = theRequest();
			assertThat(request.getMethod()).isEqualTo(RequestMethod.GET);
			assertThat(request.getUrl()).isEqualTo("/api/rejects/r%201%2F..%2F2");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
		}

		@Test
		void printsTheHeaderTheViolationsThePrettyPayloadAndTheHistory() {
			answersJson(200, REJECT);
			assertThat(rejects("show", "r-1")).as(err::toString).isZero();
			assertThat(out.toString()).isEqualTo(
					"""
							reject    r-1
							edge      email-campaign
							contract  email-campaign (sha256 9f2c)
							campaign  C-1001
							status    open
							received  2027-03-01T09:15:02Z
							size      64 bytes
							causes    email-campaign.stale, email-campaign.must

							violations:
							  /brief_version  stale-version    built on an old brief  (expected 2, got 1)
							  /landing_url    must-match       landing_url must be the brief's  (expected https://shop.example.com/s, got nothing)
							  (message)       schema:required  subject is required

							payload:
							  {
							    "campaign_id": "C-1001",
							    "brief_version": 1,
							    "tags": [
							      "a"
							    ]
							  }

							history:
							  2027-03-01T09:20:00Z  ops-anna  replay   rejected   rules=["stale-version"]
							  2027-03-01T09:25:00Z  ops-anna  discard  discarded  reason=sent again by hand
							""");
		}

		@Test
		void printsAPayloadThatIsNotJsonAsItCameAndSaysWhenThereIsNoHistory() throws IOException {
			var reject = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(REJECT);
			reject.put("payload", "{\"campaign_id\": \"C-1001\",\r\n  oops\r\n");
			reject.remove("history");
			answersJson(200, JSON.writeValueAsString(reject));
			assertThat(rejects("show", "r-1")).isZero();
			assertThat(out.toString())
				.contains("payload:\n  {\"campaign_id\": \"C-1001\",\n    oops\n\nhistory: none\n");
		}

		@Test
		void saysWhenPersonalDataIsMasked() throws IOException {
			var reject = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(REJECT);
			reject.put("masked", true);
			answersJson(200, JSON.writeValueAsString(reject));
			assertThat(rejects("show", "r-1")).isZero();
			assertThat(out.toString()).contains("causes    email-campaign.stale, email-campaign.must\n"
					+ "personal data is masked for this token's role; an operator's token shows the payload as received\n\nviolations:");
		}

		@Test
		void printsTheServiceJsonAsItIsWithJson() throws IOException {
			answersJson(200, REJECT);
			assertThat(rejects("show", "r-1", "--json")).isZero();
			assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(REJECT));
		}

		@Test
		void anUnknownIdIsBadUsage() {
			answersProblem(404, "Not found", "no reject 'r-9'");
			assertThat(rejects("show", "r-9")).isEqualTo(2);
			assertThat(err.toString()).isEqualTo("error: Not found: no reject 'r-9'\n");
			assertThat(out.toString()).isEmpty();
		}

	}

	@Nested
	class Replay {

		@Test
		void withoutAFileSendsNoBody() {
			answersJson(200, "{\"reject\": \"r-1\", \"outcome\": \"accepted\", \"id\": \"m-7\", \"generated\": []}");
			assertThat(rejects("replay", "r-1")).isZero();
			LoggedRequest request = theRequest();
			assertThat(request.getMethod()).isEqualTo(RequestMethod.POST);
			assertThat(request.getUrl()).isEqualTo("/api/rejects/r-1/replay");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
			assertThat(request.containsHeader("Content-Type")).isFalse();
			assertThat(request.getBody()).isEmpty();
		}

		@Test
		void withPayloadSendsTheFileBytesAsJson() throws IOException {
			String corrected = "{ \"campaign_id\" : \"C-1001\",\n  \"brief_version\": 2 }\n";
			Path file = file("fixed.json", corrected);
			answersJson(200, "{\"outcome\": \"accepted\", \"id\": \"m-7\", \"generated\": []}");
			assertThat(rejects("replay", "r-1", "--payload", file.toString())).isZero();
			LoggedRequest request = theRequest();
			assertThat(request.getMethod()).isEqualTo(RequestMethod.POST);
			assertThat(request.getUrl()).isEqualTo("/api/rejects/r-1/replay");
			assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
			assertThat(request.getBody()).isEqualTo(corrected.getBytes(StandardCharsets.UTF_8));
		}

		@Test
		void withPatchSendsTheFileAsAJsonPatch() throws IOException {
			String patch = "[{\"op\": \"replace\", \"path\": \"/brief_version\", \"value\": 2}]";
			Path file = file("fix.patch.json", patch);
			answersJson(200, "{\"outcome\": \"accepted\", \"id\": \"m-7\", \"generated\": []}");
			assertThat(rejects("replay", "r-1", "--patch", file.toString())).isZero();
			LoggedRequest request = theRequest();
			assertThat(request.getUrl()).isEqualTo("/api/rejects/r-1/replay");
			assertThat(request.getHeader("Content-Type")).isEqualTo("application/json-patch+json");
			assertThat(request.getBodyAsString()).isEqualTo(patch);
		}

		@Test
		void acceptedSaysUnderWhichIdItIsDelivered() {
			answersJson(200,
					"{\"reject\": \"r-1\", \"outcome\": \"accepted\", \"id\": \"m-7\", \"generated\": [\"/tracking/utm_source\"]}");
			assertThat(rejects("replay", "r-1")).isZero();
			assertThat(out.toString()).isEqualTo("accepted, delivering as m-7\n");
			assertThat(err.toString()).isEmpty();
		}

		@Test
		void rejectedAgainPrintsTheViolationsAndExitsWith1() {
			answersJson(422,
					"""
							{"reject": "r-1", "outcome": "rejected", "violations": [
							  {"pointer": "/brief_version", "rule": "stale-version", "message": "built on an old brief", "expected": 2, "actual": 1}]}""");
			assertThat(rejects("replay", "r-1")).isEqualTo(1);
			assertThat(out.toString()).isEqualTo("""
					rejected again, still open:
					  /brief_version  stale-version  built on an old brief  (expected 2, got 1)
					""");
		}

		@Test
		void rejectedAgainWithJsonPrintsTheAnswerAndStillExitsWith1() throws IOException {
			String answer = "{\"outcome\": \"rejected\", \"violations\": [{\"pointer\": \"\", \"rule\": \"parse\", \"message\": \"not JSON\"}]}";
			answersJson(422, answer);
			assertThat(rejects("replay", "r-1", "--json")).isEqualTo(1);
			assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(answer));
		}

		@Test
		void aRejectThatIsNoLongerOpenIsAProblemNotBadUsage() {
			answersProblem(409, "Not possible in its current state",
					"reject r-1 is replayed; only an open reject can be replayed");
			assertThat(rejects("replay", "r-1")).isEqualTo(1);
			assertThat(err.toString()).isEqualTo(
					"error: Not possible in its current state: reject r-1 is replayed; only an open reject can be replayed\n");
			assertThat(out.toString()).isEmpty();
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				400 | Bad request | the patch is not a JSON Patch: missing 'op'
				404 | Not found   | no reject 'r-1'
				""")
		void aBadPatchOrAnUnknownIdIsBadUsage(int status, String title, String detail) {
			answersProblem(status, title, detail);
			assertThat(rejects("replay", "r-1")).isEqualTo(2);
			assertThat(err.toString()).isEqualTo("error: " + title + ": " + detail + "\n");
		}

		@Test
		void payloadAndPatchTogetherAreBadUsage() throws IOException {
			Path file = file("x.json", "{}");
			assertThat(rejects("replay", "r-1", "--payload", file.toString(), "--patch", file.toString())).isEqualTo(2);
			assertThat(err.toString()).contains("mutually exclusive");
			noRequestWasMade();
		}

		@Test
		void aFileThatCannotBeReadIsBadUsage() {
			assertThat(rejects("replay", "r-1", "--patch", dir.resolve("missing.json").toString())).isEqualTo(2);
			assertThat(err.toString())
				.isEqualTo("error: cannot read " + dir.resolve("missing.json") + ": no such file\n");
			noRequestWasMade();
		}

	}

	@Nested
	class Discard {

		@Test
		void sendsTheReasonAsJson() throws IOException {
			answersJson(200, "{\"reject\": \"r-1\", \"status\": \"discarded\"}");
			assertThat(rejects("discard", "r-1", "--reason", "sent again by hand, see \"ticket 42\"")).isZero();
			LoggedRequest request = theRequest();
			assertThat(request.getMethod()).isEqualTo(RequestMethod.POST);
			assertThat(request.getUrl()).isEqualTo("/api/rejects/r-1/discard");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
			assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
			assertThat(JSON.readTree(request.getBody()))
				.isEqualTo(JSON.valueToTree(Map.of("reason", "sent again by hand, see \"ticket 42\"")));
			assertThat(out.toString()).isEqualTo("discarded\n");
		}

		@Test
		void needsAReason() {
			assertThat(rejects("discard", "r-1")).isEqualTo(2);
			assertThat(err.toString()).contains("Missing required option: '--reason=TEXT'");
			noRequestWasMade();
		}

		@Test
		void aRejectThatIsNoLongerOpenIsAProblemNotBadUsage() {
			answersProblem(409, "Not possible in its current state",
					"reject r-1 is replayed; only an open reject can be discarded");
			assertThat(rejects("discard", "r-1", "--reason", "late")).isEqualTo(1);
			assertThat(err.toString()).isEqualTo(
					"error: Not possible in its current state: reject r-1 is replayed; only an open reject can be discarded\n");
		}

		@Test
		void anUnknownIdIsBadUsage() {
			answersProblem(404, "Not found", "no reject 'r-9'");
			assertThat(rejects("discard", "r-9", "--reason", "late")).isEqualTo(2);
			assertThat(err.toString()).isEqualTo("error: Not found: no reject 'r-9'\n");
		}

	}

	@Nested
	class WhenTheServiceCannotBeAsked {

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				401 | Unauthorized | the bearer token is not one of the configured tokens (handoff.access.tokens)
				403 | Forbidden    | token 'ci' has role viewer; this call needs operator
				""")
		void aMissingOrWeakTokenIsBadUsageWithAHintAndTheTokenIsNeverPrinted(int status, String title, String detail) {
			answersProblem(status, title, detail);
			assertThat(rejects("replay", "r-1")).isEqualTo(2);
			assertThat(err.toString()).isEqualTo("error: " + title + ": " + detail + "\n"
					+ "hint: pass --token TOKEN or set HANDOFF_TOKEN to a token whose role allows this call\n");
			assertThat(out + err.toString()).doesNotContain(TOKEN);
		}

		@Test
		void withoutATokenItSendsNoAuthorizationHeader() {
			assumeTrue(System.getenv("HANDOFF_TOKEN") == null, "HANDOFF_TOKEN is set in this environment");
			answersProblem(401, "Unauthorized", "the review API needs 'Authorization: Bearer <token>'");
			assertThat(run("rejects", "list", "--url", url())).isEqualTo(2);
			assertThat(theRequest().containsHeader("Authorization")).isFalse();
			assertThat(err.toString()).contains("hint: pass --token");
		}

		@Test
		void nothingListeningIsBadUsageNamingTheUrl() throws IOException {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			assertThat(run("rejects", "list", "--url", "http://127.0.0.1:" + port, "--token", TOKEN)).isEqualTo(2);
			assertThat(err.toString())
				.isEqualTo("error: cannot reach http://127.0.0.1:" + port + ": connection refused\n");
			assertThat(out.toString()).isEmpty();
		}

		@Test
		void noAnswerInTimeIsBadUsageSayingHowLongItWaited() {
			service.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3_000).withStatus(200)));
			long started = System.nanoTime();
			assertThat(rejects("list", "--timeout", "300ms")).isEqualTo(2);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
			assertThat(err.toString()).isEqualTo("error: cannot reach " + url() + ": no answer within 300ms\n");
		}

		@Test
		void anAnswerThatIsNotJsonIsPrintedRawWithItsStatus() {
			answers(502, "text/html", "<html><body>Bad Gateway</body></html>");
			assertThat(rejects("show", "r-1")).isEqualTo(2);
			assertThat(err.toString())
				.isEqualTo("error: " + url() + " answered 502 (text/html):\n<html><body>Bad Gateway</body></html>\n");
			assertThat(out.toString()).isEmpty();
		}

		@Test
		void anAnswerThatSaysJsonButIsNotIsPrintedRawToo() {
			answers(200, "application/json", "{\"items\": [");
			assertThat(rejects("list")).isEqualTo(2);
			assertThat(err.toString())
				.isEqualTo("error: " + url() + " answered 200 (application/json):\n{\"items\": [\n");
		}

		@Test
		void aServerErrorWithAProblemIsReported() {
			answersProblem(500, "Internal Server Error", "boom");
			assertThat(rejects("list")).isEqualTo(2);
			assertThat(err.toString()).isEqualTo("error: Internal Server Error: boom\n");
		}

		@ParameterizedTest
		@ValueSource(
				strings = { "localhost:8080", "ftp://localhost/", "http://", "http://local host", "http://h/?x=1" })
		void aUrlThatIsNotAServiceIsBadUsage(String url) {
			assertThat(run("rejects", "list", "--url", url)).isEqualTo(2);
			assertThat(err.toString()).startsWith("error: --url '" + url + "'").hasLineCount(1);
		}

		@ParameterizedTest
		@ValueSource(strings = { "0", "-1s", "soon" })
		void aTimeoutThatIsNotADurationIsBadUsage(String timeout) {
			assertThat(rejects("list", "--timeout", timeout)).isEqualTo(2);
			assertThat(err.toString()).contains("--timeout");
			noRequestWasMade();
		}

		@Test
		void aServiceBehindAPathPrefixIsAskedUnderIt() {
			answersJson(200, "{\"items\": [], \"page\": 0, \"size\": 50, \"total\": 0}");
			assertThat(run("rejects", "list", "--url", url() + "/handoff/", "--token", TOKEN)).isZero();
			assertThat(theRequest().getUrl()).isEqualTo("/handoff/api/rejects");
		}

		@Test
		void rejectsWithoutASubcommandIsBadUsage() {
			assertThat(run("rejects")).isEqualTo(2);
			assertThat(err.toString()).contains("Missing required subcommand");
		}

	}

	@Nested
	class Defaults {

		private final ServiceOptions options = new ServiceOptions();

		{
			options.timeout = Duration.ofSeconds(10);
		}

		@Test
		void urlAndTokenComeFromTheEnvironmentWhenNotGiven() {
			ReviewClient client = options
				.client(Map.of("HANDOFF_URL", "https://handoff.example.com/", "HANDOFF_TOKEN", "env-token")::get);
			assertThat(client.base()).hasToString("https://handoff.example.com");
			assertThat(client.hasToken()).isTrue();
		}

		@Test
		void withNothingSetItIsTheLocalServiceWithoutAToken() {
			ReviewClient client = options.client(Map.of("HANDOFF_URL", " ")::get);
			assertThat(client.base()).hasToString("http://localhost:8080");
			assertThat(client.hasToken()).isFalse();
		}

		@Test
		void optionsWinOverTheEnvironment() {
			options.url = "http://10.0.0.5:9000";
			ReviewClient client = options.client(Map.of("HANDOFF_URL", "https://handoff.example.com")::get);
			assertThat(client.base()).hasToString("http://10.0.0.5:9000");
		}

	}

}
