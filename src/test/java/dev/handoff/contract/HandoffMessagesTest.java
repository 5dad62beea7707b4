package dev.handoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.handoff.TestFiles;
import dev.handoff.lint.Linter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code x-handoff-message}, the sentence a contract's author gives a field for the
 * reviewer, is checked when contracts load and by {@code handoff lint}: a string of one
 * short paragraph, where it can word a violation.
 */
class HandoffMessagesTest {

	private static final String EMAIL = "email-campaign.schema.json";

	private static final String FROM_NAME = "\"from_name\": { \"type\": \"string\",";

	@TempDir
	Path dir;

	private Path contracts;

	@BeforeEach
	void copyTheShippedContracts() throws IOException {
		contracts = TestFiles.copy(Path.of("contracts"), dir.resolve("contracts"));
	}

	private List<ContractProblem> lint() {
		return new Linter().lint(contracts, Path.of("routes"));
	}

	@Test
	void theShippedContractsUseItWell() {
		assertThat(lint()).isEmpty();
	}

	@Nested
	class IsRefused {

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', textBlock = """
				a number            | 42                      | must be a non-empty string
				an empty string     | ""                      | must be a non-empty string
				only spaces         | "   "                   | must be a non-empty string
				a list of sentences | ["Use the audience id"] | must be a non-empty string
				two lines           | "Use the id.\\nFrom Mailchimp." | write it as one paragraph
				""")
		void whenItIsNotOneShortParagraph(String kind, String value, String problem) throws IOException {
			TestFiles.replace(contracts.resolve(EMAIL), FROM_NAME,
					FROM_NAME + " \"x-handoff-message\": " + value + ",");
			assertThat(lint()).singleElement().satisfies(p -> {
				assertThat(p.file()).endsWith(EMAIL);
				assertThat(p.pointer()).isEqualTo("/properties/settings/properties/from_name/x-handoff-message");
				assertThat(p.problem()).contains(problem);
			});
		}

		@Test
		void whenItIsTooLongToReadAtAGlance() throws IOException {
			TestFiles.replace(contracts.resolve(EMAIL), FROM_NAME,
					FROM_NAME + " \"x-handoff-message\": \"" + "a".repeat(301) + "\",");
			assertThat(lint()).singleElement()
				.extracting(ContractProblem::problem)
				.asString()
				.contains("is 301 characters; keep it to 300");
		}

		@Test
		void whenNoViolationCanEverBeWordedWithIt() throws IOException {
			TestFiles.replace(contracts.resolve(EMAIL), "\"html\": { \"type\": \"string\", \"minLength\": 1 }",
					"\"html\": { \"type\": \"string\", \"minLength\": 1, \"not\": { \"const\": \"<p></p>\", \"x-handoff-message\": \"No empty page\" } }");
			assertThat(lint()).singleElement().satisfies(p -> {
				assertThat(p.pointer()).isEqualTo("/properties/content/properties/html/not/x-handoff-message");
				assertThat(p.problem()).contains("can never apply here").contains("put it on the property");
			});
		}

		@Test
		void inTheXHandoffBlock() throws IOException {
			TestFiles.replace(contracts.resolve(EMAIL), "\"onConflict\": \"reject\",",
					"\"onConflict\": \"reject\", \"x-handoff-message\": \"Ask Maria\",");
			assertThat(lint()).anySatisfy(p -> {
				assertThat(p.pointer()).isEqualTo("/x-handoff/x-handoff-message");
				assertThat(p.problem()).contains("belongs on a property's schema");
			});
		}

		@Test
		void byTheServiceToo() throws IOException {
			TestFiles.replace(contracts.resolve(EMAIL), FROM_NAME, FROM_NAME + " \"x-handoff-message\": 42,");
			InvalidContractsException refused = org.assertj.core.api.Assertions
				.catchThrowableOfType(InvalidContractsException.class, () -> new ContractLoader().load(contracts));
			assertThat(refused.problems()).extracting(ContractProblem::pointer)
				.containsExactly("/properties/settings/properties/from_name/x-handoff-message");
		}

	}

	@Nested
	class IsTaken {

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|',
				textBlock = """
						on a property             | "html": { "type": "string", "minLength": 1 } | "html": { "type": "string", "minLength": 1, "x-handoff-message": "The email's HTML" }
						on the whole message      | "type": "object",\\n  "required": ["type"    | "type": "object", "x-handoff-message": "A Mailchimp campaign",\\n  "required": ["type"
						on an item                | "html": { "type": "string", "minLength": 1 } | "html": { "type": "array", "items": { "type": "string", "x-handoff-message": "One block" } }
						in a branch               | "html": { "type": "string", "minLength": 1 } | "html": { "anyOf": [{ "type": "string", "x-handoff-message": "The HTML" }, { "type": "null" }] }
						in a definition           | "html": { "type": "string", "minLength": 1 } | "html": { "$ref": "#/properties/content/definitions/html" } }, "definitions": { "html": { "type": "string", "x-handoff-message": "The HTML" }
						as a property's name      | "html": { "type": "string", "minLength": 1 } | "html": { "type": "object", "properties": { "x-handoff-message": { "type": "string" } } }
						as data in an enum        | "html": { "type": "string", "minLength": 1 } | "html": { "enum": [{ "x-handoff-message": 42 }] }
						""")
		void whereItCanWordAViolation(String kind, String from, String to) throws IOException {
			TestFiles.replace(contracts.resolve(EMAIL), from.replace("\\n", "\n"), to.replace("\\n", "\n"));
			assertThat(lint()).isEmpty();
		}

	}

}
