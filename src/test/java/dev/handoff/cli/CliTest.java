package dev.handoff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: what each command prints and the exit code it ends with. */
class CliTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	private Path contracts;

	private Path routes;

	private StringWriter out;

	private StringWriter err;

	@BeforeEach
	void copyTheShippedContractsAndRoutes() throws IOException {
		contracts = TestFiles.copy(Path.of("contracts"), dir.resolve("contracts"));
		routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
	}

	private int run(String... args) {
		out = new StringWriter();
		err = new StringWriter();
		return Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
	}

	@Nested
	class Lint {

		@Test
		void passesOnTheShippedContracts() {
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString())).isZero();
			assertThat(out.toString()).contains("are fine");
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|',
				textBlock = """
						remote $ref               | cms-landing-page.schema.json | "$ref": "#/definitions/campaignId"   | "$ref": "http://x.example/id.json" | /properties/meta/properties/campaign_id/$ref | remote $ref
						unknown x-handoff key     | email-campaign.schema.json   | "onConflict": "reject"                | "onConflict": "reject", "owners": 1 | /x-handoff/owners                            | unknown key 'owners'
						pointer that cannot exist | cms-landing-page.schema.json | "/meta/locale": "locale"              | "/meta/language": "locale"         | /x-handoff/mustMatch/~1meta~1language        | forbids additional properties
						unknown truth field       | email-campaign.schema.json   | "/handoff/campaign_id": "id"          | "/handoff/campaign_id": "code"     | /x-handoff/mustMatch/~1handoff~1campaign_id  | 'code' is not a truth field
						unknown generator         | tracking-event.schema.json   | "/context/campaign/source": "utm.source" | "/context/campaign/source": "utm.src" | /x-handoff/generate/~1context~1campaign~1source | unknown generator 'utm.src'
						unknown channel           | tracking-event.schema.json   | "channel": "email"                    | "channel": "sms"                   | /x-handoff/channel                           | unknown channel 'sms'
						unsafe pattern            | email-campaign.schema.json   | "pattern": "^[a-f0-9]{10}$"           | "pattern": "^(a+)+\\\\1$"            | /properties/recipients/properties/list_id/pattern | not a valid or safe regular expression
						looping $ref              | cms-landing-page.schema.json | "campaignId": { "type": "string", "pattern": "^C-[0-9]{4,8}$" } | "campaignId": { "$ref": "#/definitions/campaignId" } | /definitions/campaignId/$ref | leads back to itself
						$ref loop through allOf   | cms-landing-page.schema.json | "campaignId": { "type": "string", "pattern": "^C-[0-9]{4,8}$" } | "campaignId": { "allOf": [{ "$ref": "#/definitions/campaignId" }] } | /definitions/campaignId/allOf/0/$ref | leads back to itself
						invalid JSON Schema       | email-campaign.schema.json   | "type": "regular"                     | "type": "regular"                  | /properties/type                             | is not a valid JSON Schema
						""")
		void findsEachKindOfProblemWithFileAndPointer(String kind, String file, String from, String to, String pointer,
				String problem) throws IOException {
			String replacement = kind.equals("invalid JSON Schema") ? "\"type\": \"strnig\"" : to;
			String original = kind.equals("invalid JSON Schema")
					? "\"type\": \"string\", \"enum\": [\"regular\", \"plaintext\"]" : from;
			TestFiles.replace(contracts.resolve(file), original, kind.equals("invalid JSON Schema")
					? replacement + ", \"enum\": [\"regular\", \"plaintext\"]" : replacement);
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString(), "--format", "json"))
				.isEqualTo(1);
			JsonNode problems = read(out.toString());
			assertThat(problems).anySatisfy(p -> {
				assertThat(p.get("file").asText()).endsWith(file);
				if (!kind.equals("invalid JSON Schema")) {
					assertThat(p.get("pointer").asText()).isEqualTo(pointer);
				}
				assertThat(p.get("problem").asText()).contains(problem);
			});
		}

		@Test
		void findsARouteNamingAnUnknownContract() throws IOException {
			TestFiles.replace(routes.resolve("email-campaign.yaml"), "handoff:guard:email-campaign",
					"handoff:guard:emails");
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString())).isEqualTo(1);
			assertThat(out.toString()).contains("email-campaign.yaml").contains("names contract 'emails'");
		}

		@Test
		void findsAStepHandoffCannotHonourNamingFileAndStep() throws IOException {
			TestFiles.replace(routes.resolve("tracking-event.yaml"),
					"        - to: handoff:guard:tracking-event?maxBytes=32768&inbound=basic\n",
					"        - to: handoff:guard:tracking-event?maxBytes=32768&inbound=basic\n        - to: https://audit.example.com/events\n");
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString())).isEqualTo(1);
			assertThat(out.toString()).contains("tracking-event.yaml")
				.contains(
						"edge 'tracking-event', step 2 'to' between handoff:guard and handoff:accept sends to 'https:' before the message is committed");
		}

		@Test
		void findsAnEdgeThatDoesNotSayWhoMaySend() throws IOException {
			TestFiles.replace(routes.resolve("tracking-event.yaml"), "maxBytes=32768&inbound=basic", "maxBytes=32768");
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString())).isEqualTo(1);
			assertThat(out.toString()).contains("tracking-event.yaml")
				.contains(
						"edge 'tracking-event' takes messages from anyone who can reach it: say inbound=basic|bearer|api-key|"
								+ "standard-webhooks|hmac|segment on its handoff:guard step, or inbound=open if that is meant");
		}

		@Test
		void findsAKindThatIsNotOneAndPassesAnEdgeOpenToAnyone() throws IOException {
			TestFiles.replace(routes.resolve("brief-approved.yaml"), "inbound=bearer", "inbound=token");
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString())).isEqualTo(1);
			assertThat(out.toString()).contains("brief-approved.yaml")
				.contains("edge 'brief-approved' says inbound=token, which is not a kind");
			TestFiles.replace(routes.resolve("brief-approved.yaml"), "inbound=token", "inbound=open");
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString())).isZero();
		}

		@Test
		void findsAnEdgeWithoutExamples() throws IOException {
			try (var files = Files.list(contracts.resolve("examples/tracking-event"))) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString())).isEqualTo(1);
			assertThat(out.toString()).contains("tracking-event.yaml")
				.contains("edge 'tracking-event' has no examples");
		}

		@Test
		void writesGithubAnnotations() throws IOException {
			TestFiles.replace(contracts.resolve("tracking-event.schema.json"), "\"channel\": \"email\"",
					"\"channel\": \"sms\"");
			assertThat(run("lint", contracts.toString(), "--routes", routes.toString(), "--format", "github"))
				.isEqualTo(1);
			assertThat(out.toString()).startsWith(
					"::error file=" + contracts.resolve("tracking-event.schema.json").toString().replace(":", "%3A")
							+ ",title=handoff lint /x-handoff/channel::unknown channel 'sms'");
		}

		@Test
		void answersBadUsageWithExitCode2() {
			assertThat(run("lint", "--format", "yaml")).isEqualTo(2);
			assertThat(err.toString()).contains("--format");
		}

	}

	@Nested
	class TestExamples {

		@Test
		void passesOnTheShippedExamples() {
			assertThat(run("test", contracts.toString(), "--routes", routes.toString())).isZero();
			assertThat(out.toString()).containsPattern("(?m)^37 passed, 0 failed$");
		}

		@Test
		void failsNamingTheExampleWhoseExpectationIsWrong() throws IOException {
			TestFiles.replace(contracts.resolve("examples/email-campaign/06-retyped-landing-url.json"),
					"\"rules\": [\n      \"must-match\"", "\"rules\": [\n      \"link-utm\"");
			assertThat(run("test", contracts.toString(), "--routes", routes.toString())).isEqualTo(1);
			assertThat(out.toString()).contains("FAIL email-campaign/06-retyped-landing-url.json")
				.contains("expected rules [link-utm], got [must-match]")
				.containsPattern("(?m)^36 passed, 1 failed$");
		}

	}

	@Nested
	class Validate {

		@BeforeEach
		void truth() throws IOException {
			Files.writeString(dir.resolve("truth.json"), """
					{"campaign": "C-1001", "version": 2, "fields": {"id": "C-1001", "name": "Spring Sale 2027",
					 "landing_url": "https://shop.example.com/spring-sale-2027", "locale": "en-GB"}}""");
		}

		@Test
		void acceptsAGoodMessageAndSaysWhatItGenerated() {
			assertThat(run("validate", "email-campaign", "demo/email-good.json", "--contracts", contracts.toString(),
					"--truth", dir.resolve("truth.json").toString()))
				.isZero();
			assertThat(out.toString())
				.contains("accepted; generated [/tracking/google_analytics]; links tagged in [/content/html]");
		}

		@Test
		void printsTheViolationsOfABadMessageAndExitsWith1() {
			assertThat(run("validate", contracts.resolve("email-campaign.schema.json").toString(),
					"demo/email-typed-utm.json", "--truth", dir.resolve("truth.json").toString(), "--format", "json"))
				.isEqualTo(1);
			JsonNode answer = read(out.toString());
			assertThat(answer.get("outcome").asText()).isEqualTo("rejected");
			assertThat(answer.get("violations").get(0).get("rule").asText()).isEqualTo("generated-mismatch");
			assertThat(answer.get("violations").get(0).get("expected").asText()).isEqualTo("spring-sale-2027-c-1001");
		}

		@Test
		void withoutTruthACampaignIsUnknown() {
			assertThat(run("validate", "email-campaign", "demo/email-good.json", "--contracts", contracts.toString()))
				.isEqualTo(1);
			assertThat(out.toString()).contains("unknown-campaign");
		}

		@Test
		void namesAnUnknownContractAsBadUsage() {
			assertThat(run("validate", "emails", "demo/email-good.json", "--contracts", contracts.toString()))
				.isEqualTo(2);
			assertThat(err.toString()).contains("no contract 'emails'");
		}

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
