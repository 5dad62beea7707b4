package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.everit.json.schema.regexp.RE2JRegexpFactory;
import org.json.JSONObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each JSON Schema keyword's violation reads as a sentence about the field, never in the
 * validator's words: named by the field's title where the contract has one, else by its
 * path, followed by what the author wrote for it. Schemas are written with single quotes
 * for readability.
 */
class PlainWordsTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** Every violation of a message against a schema, as the guard makes them. */
	static List<Violation> violations(String schema, String message) {
		Schema compiled = SchemaLoader.builder()
			.schemaJson(new JSONObject(schema.replace('\'', '"')))
			.draftV7Support()
			.regexpFactory(new RE2JRegexpFactory())
			.build()
			.load()
			.build();
		try {
			return new SchemaCheck(JSON).check(compiled, JSON.readTree(message.replace('\'', '"')));
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}

	/**
	 * The one violation's message when field {@code f} (under {@code settings}) has the
	 * given schema and value.
	 */
	static String wording(String field, String value) {
		List<Violation> found = violations("{'properties': {'settings': {'properties': {'f': " + field + "}}}}",
				"{'settings': {'f': " + value + "}}");
		assertThat(found).hasSize(1);
		return found.get(0).message();
	}

	/** The same for a field the message lacks. */
	static String missing(String field) {
		List<Violation> found = violations(
				"{'properties': {'settings': {'required': ['f'], 'properties': {'f': " + field + "}}}}",
				"{'settings': {}}");
		assertThat(found).hasSize(1);
		return found.get(0).message();
	}

	@Nested
	class TheFieldIsNamed {

		@Test
		void byItsPathWhenTheContractHasNoTitleForIt() {
			assertThat(wording("{'type': 'string'}", "1")).isEqualTo("settings › f must be text, not a whole number");
		}

		@Test
		void byItsTitleWhenTheContractHasOne() {
			assertThat(wording("{'type': 'string', 'title': 'Subject line'}", "1"))
				.isEqualTo("Subject line must be text, not a whole number");
		}

		@Test
		void withItsDescriptionAfterwards() {
			assertThat(wording("{'type': 'string', 'description': 'The subject people see in their inbox'}", "1"))
				.isEqualTo("settings › f must be text, not a whole number. The subject people see in their inbox");
		}

		@Test
		void withTheAuthorsMessageInsteadOfTheDescription() {
			assertThat(wording(
					"{'type': 'string', 'description': 'for engineers', 'x-handoff-message': 'Type the subject as text'}",
					"1"))
				.isEqualTo("settings › f must be text, not a whole number. Type the subject as text");
		}

		@Test
		void byTheWordsBesideAReferenceBeforeThoseOfTheDefinition() {
			String schema = "{'definitions': {'id': {'type': 'string', 'title': 'Campaign id', 'x-handoff-message': 'C- and digits'}},"
					+ " 'properties': {'a': {'$ref': '#/definitions/id'}, 'b': {'$ref': '#/definitions/id', 'title': 'Old campaign id'}}}";
			assertThat(violations(schema, "{'a': 1, 'b': 2}")).extracting(Violation::message)
				.containsExactlyInAnyOrder("Campaign id must be text, not a whole number. C- and digits",
						"Old campaign id must be text, not a whole number. C- and digits");
		}

		@Test
		void asTheMessageAtTheTopWhereTheContractsOwnTitleAndDescriptionSayNothingAboutAFix() {
			String schema = "{'title': 'Email event', 'description': 'A Segment track call', 'type': 'object'}";
			assertThat(violations(schema, "[]")).extracting(Violation::message)
				.containsExactly("The message must be a group of fields, not a list");
		}

	}

	@Nested
	class EachKeyword {

		@Test
		void required() {
			assertThat(missing("{'type': 'string'}")).isEqualTo("settings › f is missing");
			assertThat(missing("{'type': 'string', 'title': 'Subject line', 'description': 'What people see'}"))
				.isEqualTo("Subject line is missing. What people see");
		}

		@Test
		void additionalProperties() {
			List<Violation> found = violations(
					"{'properties': {'meta': {'properties': {'a': {}}, 'additionalProperties': false}}}",
					"{'meta': {'owner': 'maria'}}");
			assertThat(found).extracting(Violation::pointer, Violation::message)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("/meta/owner",
						"meta › owner is not a field the contract allows here: remove it"));
		}

		@Test
		void type() {
			assertThat(wording("{'type': 'integer'}", "1.5"))
				.isEqualTo("settings › f must be a whole number, not a decimal number");
			assertThat(wording("{'type': 'boolean'}", "'yes'"))
				.isEqualTo("settings › f must be true or false, not text");
			assertThat(wording("{'type': 'array', 'title': 'Channels'}", "{}"))
				.isEqualTo("Channels must be a list, not a group of fields");
		}

		@Test
		void enumListsTheValuesInQuotes() {
			assertThat(wording("{'enum': ['regular', 'plaintext']}", "'rss'"))
				.isEqualTo("settings › f must be one of \"regular\" or \"plaintext\"");
			assertThat(wording(
					"{'type': 'string', 'enum': ['a', 'b', 'c'], 'title': 'Kind', 'x-handoff-message': 'Ask the team'}",
					"'d'"))
				.isEqualTo("Kind must be one of \"a\", \"b\" or \"c\". Ask the team");
			assertThat(wording("{'enum': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}", "0"))
				.isEqualTo("settings › f is not one of the 11 values the contract allows");
		}

		@Test
		void constNamesTheOneValue() {
			assertThat(wording("{'const': 'Approved'}", "'Draft'")).isEqualTo("settings › f must be \"Approved\"");
			assertThat(wording("{'const': 'Approved', 'description': 'Only an approved brief counts'}", "'Draft'"))
				.isEqualTo("settings › f must be \"Approved\". Only an approved brief counts");
		}

		@Test
		void patternIsNeverShownButAnExampleIs() {
			assertThat(wording("{'type': 'string', 'pattern': '^[a-f0-9]{10}$'}", "'Main list'"))
				.isEqualTo("settings › f is not in the expected form");
			assertThat(wording(
					"{'type': 'string', 'pattern': '^[a-f0-9]{10}$', 'examples': ['4ca5becb8d'], 'title': 'Audience id'}",
					"'x'"))
				.isEqualTo("Audience id is not in the expected form (for example \"4ca5becb8d\")");
			assertThat(wording(
					"{'type': 'string', 'pattern': '^[a-f0-9]{10}$', 'description': 'Ten lowercase letters and digits'}",
					"'x'"))
				.isEqualTo("settings › f is not in the expected form. Ten lowercase letters and digits");
		}

		@Test
		void patternAppearsOnlyWhereTheAuthorWroteIt() {
			assertThat(wording(
					"{'type': 'string', 'pattern': '^C-[0-9]+$', 'x-handoff-message': 'It must match ^C-[0-9]+$'}",
					"'x'"))
				.isEqualTo("settings › f is not in the expected form. It must match ^C-[0-9]+$");
		}

		@Test
		void patternKeepsTheValidatorsTextForEngineers() {
			Violation v = violations("{'properties': {'f': {'type': 'string', 'pattern': '^[a-f0-9]{10}$'}}}",
					"{'f': 'Main list'}")
				.get(0);
			assertThat(v.rule()).isEqualTo("schema:pattern");
			assertThat(v.expected()).as("a pattern is no value to show").isNull();
			assertThat(v.detail()).isEqualTo("#/f: string [Main list] does not match pattern ^[a-f0-9]{10}$");
		}

		@Test
		void formatSaysWhatKindOfTextWithAnExample() {
			assertThat(wording("{'type': 'string', 'format': 'email'}", "'not-an-address'"))
				.isEqualTo("settings › f is not an email address");
			assertThat(wording("{'type': 'string', 'format': 'date-time'}", "'2027'"))
				.isEqualTo("settings › f is not a date and time (for example 2027-03-01T09:30:00Z)");
			assertThat(wording(
					"{'type': 'string', 'format': 'uri', 'examples': ['https://shop.example.com/spring'], 'title': 'Landing page'}",
					"'shop'"))
				.isEqualTo("Landing page is not a full web address (for example \"https://shop.example.com/spring\")");
		}

		@Test
		void lengths() {
			assertThat(wording("{'type': 'string', 'minLength': 1}", "''")).isEqualTo("settings › f must not be empty");
			assertThat(wording("{'type': 'string', 'minLength': 3}", "'ab'"))
				.isEqualTo("settings › f has 2 characters; it needs at least 3");
			assertThat(wording("{'type': 'string', 'maxLength': 5, 'title': 'Preview'}", "'abcdefg'"))
				.isEqualTo("Preview has 7 characters; it may have at most 5");
		}

		@Test
		void ranges() {
			assertThat(wording("{'type': 'integer', 'minimum': 1}", "0")).isEqualTo("settings › f must be at least 1");
			assertThat(wording("{'type': 'integer', 'maximum': 10}", "11"))
				.isEqualTo("settings › f must be at most 10");
			assertThat(wording("{'type': 'number', 'exclusiveMinimum': 0}", "0"))
				.isEqualTo("settings › f must be more than 0");
			assertThat(wording("{'type': 'number', 'exclusiveMaximum': 1}", "1"))
				.isEqualTo("settings › f must be less than 1");
			assertThat(
					wording("{'type': 'integer', 'multipleOf': 5, 'description': 'Discounts go in steps of 5'}", "12"))
				.isEqualTo("settings › f must be a multiple of 5. Discounts go in steps of 5");
		}

		@Test
		void listSizes() {
			assertThat(wording("{'type': 'array', 'minItems': 1}", "[]"))
				.isEqualTo("settings › f has 0 items; it needs at least 1");
			assertThat(wording("{'type': 'array', 'maxItems': 2}", "[1, 2, 3]"))
				.isEqualTo("settings › f has 3 items; it may have at most 2");
			assertThat(wording("{'type': 'array', 'uniqueItems': true}", "['email', 'email']"))
				.isEqualTo("settings › f lists the same item more than once");
		}

		@Test
		void objectSizes() {
			assertThat(wording("{'type': 'object', 'minProperties': 1}", "{}"))
				.isEqualTo("settings › f has 0 fields; it needs at least 1");
			assertThat(wording("{'type': 'object', 'maxProperties': 1}", "{'a': 1, 'b': 2}"))
				.isEqualTo("settings › f has 2 fields; it may have at most 1");
		}

		@Test
		void anItemIsNamedByItsPlace() {
			List<Violation> found = violations(
					"{'properties': {'channels': {'type': 'array', 'items': {'enum': ['email', 'web']}}}}",
					"{'channels': ['email', 'fax']}");
			assertThat(found).extracting(Violation::pointer, Violation::message)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("/channels/1",
						"channels › 1 must be one of \"email\" or \"web\""));
		}

		@Test
		void aFieldTheContractRulesOutAltogether() {
			assertThat(wording("false", "1")).isEqualTo("settings › f is not allowed here: remove it");
		}

	}

	@Nested
	class Alternatives {

		private static final String EITHER_ID = "{'anyOf': [{'required': ['userId']}, {'required': ['anonymousId']}]}";

		@Test
		void nameTheFieldsThatWouldSatisfyThem() {
			List<Violation> found = violations(EITHER_ID, "{'event': 'x'}");
			assertThat(found).extracting(Violation::rule, Violation::pointer, Violation::message)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("schema:anyOf", "",
						"The message needs either userId or anonymousId"));
			assertThat(found.get(0).detail()).contains("no subschema matched")
				.contains("required key [userId] not found");
		}

		@Test
		void inTheOrderTheContractListsThem() {
			// Everit gathers the failed branches in no fixed order; the sentence must not
			// change from one message to the next
			for (int i = 0; i < 20; i++) {
				assertThat(violations(EITHER_ID, "{}").get(0).message())
					.isEqualTo("The message needs either userId or anonymousId");
				assertThat(
						violations("{'anyOf': [{'required': ['anonymousId']}, {'required': ['userId']}]}", "{}").get(0)
							.message())
					.isEqualTo("The message needs either anonymousId or userId");
			}
		}

		@Test
		void byTheirTitlesAndWithEveryFieldABranchLacks() {
			String schema = "{'properties': {'who': {'properties': {'email': {'title': 'Email address'}}, 'oneOf': [{'required': ['email']},"
					+ " {'required': ['first', 'last']}, {'required': ['id']}], 'x-handoff-message': 'Say who it is for'}}}";
			assertThat(violations(schema, "{'who': {}}")).extracting(Violation::message)
				.containsExactly("who needs one of Email address, first and last or id. Say who it is for");
		}

		@Test
		void otherwiseWordTheClosestBranch() {
			// type ["string", "null"] is an anyOf of a text and a null: for "" the text
			// branch is the close one
			String schema = "{'properties': {'userId': {'type': ['string', 'null'], 'minLength': 1, 'description': 'The person in our systems'}}}";
			List<Violation> found = violations(schema, "{'userId': ''}");
			assertThat(found).extracting(Violation::rule, Violation::message)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("schema:anyOf",
						"userId must not be empty. The person in our systems"));
		}

		@Test
		void closestMeansOfTheRightKindWithTheFewestFailures() {
			String schema = "{'properties': {'when': {'anyOf': [{'type': 'integer', 'minimum': 0},"
					+ " {'type': 'string', 'format': 'date', 'maxLength': 10}]}}}";
			assertThat(violations(schema, "{'when': '2027-13-45T00:00'}")).extracting(Violation::message)
				.containsExactly(
						"when has 16 characters; it may have at most 10; when is not a date (for example 2027-03-01)");
			assertThat(violations(schema, "{'when': -1}")).extracting(Violation::message)
				.containsExactly("when must be at least 0");
		}

		@Test
		void oneOfThatSeveralBranchesSatisfy() {
			String schema = "{'oneOf': [{'required': ['userId']}, {'required': ['anonymousId']}]}";
			assertThat(violations(schema, "{'userId': 'u', 'anonymousId': 'a'}")).extracting(Violation::message)
				.containsExactly("The message must have either userId or anonymousId, not more than one");
			assertThat(
					violations("{'properties': {'n': {'oneOf': [{'type': 'integer'}, {'minimum': 0}]}}}", "{'n': 3}"))
				.extracting(Violation::message)
				.containsExactly("n fits more than one of the forms the contract allows, and must fit exactly one");
		}

		@Test
		void notNamesWhatItRulesOut() {
			assertThat(wording("{'not': {'const': 'test'}}", "'test'")).isEqualTo("settings › f must not be \"test\"");
			assertThat(wording("{'not': {'enum': ['a', 'b']}, 'title': 'Code'}", "'a'"))
				.isEqualTo("Code must not be \"a\" or \"b\"");
			assertThat(wording("{'not': {'required': ['coupon']}}", "{'coupon': 'X'}"))
				.isEqualTo("settings › f must not have coupon");
			assertThat(wording("{'not': {'type': 'string', 'maxLength': 2}}", "'ab'"))
				.isEqualTo("settings › f has a value the contract rules out");
		}

	}

	@Nested
	class ViolationsStoredBeforePlainWording {

		private Violation read(String json) throws Exception {
			return JSON.readValue(json, Violation.class);
		}

		@Test
		void areWordedAgainFromWhatWasStoredWithTheOldTextAsTheirDetail() throws Exception {
			Violation pattern = read(
					"""
							{"pointer": "/recipients/list_id", "rule": "schema:pattern", "message": "string [Main list] does not match pattern ^[a-f0-9]{10}$",
							 "expected": "^[a-f0-9]{10}$", "actual": "Main list"}""");
			assertThat(pattern.message()).isEqualTo("recipients › list_id is not in the expected form");
			assertThat(pattern.expected()).as("the stored pattern is not shown as the expected value").isNull();
			assertThat(pattern.detail()).isEqualTo("string [Main list] does not match pattern ^[a-f0-9]{10}$");
			assertThat(
					read("""
							{"pointer": "/type", "rule": "schema:enum", "message": "rss is not a valid enum value", "expected": ["regular", "plaintext"],
							 "actual": "rss"}""")
						.message())
				.isEqualTo("type must be one of \"regular\" or \"plaintext\"");
			assertThat(
					read("""
							{"pointer": "/settings/subject_line", "rule": "schema:required", "message": "required property 'subject_line' is missing",
							 "expected": "present", "actual": null}""")
						.message())
				.isEqualTo("settings › subject_line is missing");
			assertThat(
					read("""
							{"pointer": "/fields/status", "rule": "schema:const", "message": "breaks the contract's 'const' rule: expected \\"Approved\\"",
							 "expected": "Approved", "actual": "Draft"}""")
						.message())
				.isEqualTo("fields › status must be \"Approved\"");
		}

		@Test
		void anAlternativeNamesTheFieldsItsOldTextListed() throws Exception {
			Violation anyOf = read(
					"""
							{"pointer": "", "rule": "schema:anyOf", "message": "#: no subschema matched out of the total 2 subschemas: #: required key \
							[userId] not found; #: required key [anonymousId] not found", "expected": null, "actual": null}""");
			assertThat(anyOf.message()).isEqualTo("The message needs either userId or anonymousId");
			assertThat(anyOf.detail()).startsWith("#: no subschema matched");
			assertThat(
					read("""
							{"pointer": "/n", "rule": "schema:oneOf", "message": "#: 0 subschemas matched instead of one: #/n: expected type: Integer, \
							found: String", "expected": null, "actual": "x"}""")
						.message())
				.isEqualTo("n does not fit any of the forms the contract allows");
		}

		@Test
		void aParseFailureSaysWhatIsWrongWithTheMessage() throws Exception {
			Violation parse = read(
					"""
							{"pointer": "", "rule": "parse", "message": "the message is not one well-formed JSON document: Duplicate field 'title'",
							 "expected": "one well-formed JSON document", "actual": "line 1, column 23"}""");
			assertThat(parse.message()).isEqualTo(
					"the field \"title\" is given twice in the same place: give it once, so that nobody has to guess which one counts "
							+ "(line 1, column 23)");
			assertThat(parse.detail())
				.isEqualTo("the message is not one well-formed JSON document: Duplicate field 'title'");
		}

		@Test
		void whileNewOnesAndOtherRulesAreReadAsTheyAre() throws Exception {
			Violation plain = read(
					"""
							{"pointer": "/type", "rule": "schema:enum", "message": "type must be one of two", "expected": null, "actual": "rss",
							 "detail": "rss is not a valid enum value"}""");
			assertThat(plain.message()).isEqualTo("type must be one of two");
			Violation stale = read(
					"""
							{"pointer": "/v", "rule": "stale-version", "message": "built from version 1", "expected": 2, "actual": 1}""");
			assertThat(stale.message()).isEqualTo("built from version 1");
			assertThat(stale.detail()).isNull();
		}

		@Test
		void andWriteTheirDetailBesideTheMessage() {
			JsonNode written = JSON
				.valueToTree(new Violation("/a", "schema:type", "a must be text", null, null, "expected type: String"));
			assertThat(written.fieldNames()).toIterable()
				.containsExactly("pointer", "rule", "message", "expected", "actual", "detail");
		}

	}

}
