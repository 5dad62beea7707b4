package dev.handoff.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.handoff.TestFiles;
import dev.handoff.lint.Linter;
import org.everit.json.schema.ValidationException;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code x-handoff.gate} is read when contracts load: a good gate is ready for the guard,
 * a bad one refuses the whole set with its file, pointer and a sentence saying what is
 * wrong, and {@code handoff lint} says the same.
 */
class GateContractTest {

	private static final String EMAIL = "email-campaign.schema.json";

	private static final String BRIEF = "brief-approved.schema.json";

	private static final String CMS = "cms-landing-page.schema.json";

	@TempDir
	Path dir;

	private Path contracts;

	@BeforeEach
	void copyTheShippedContracts() throws IOException {
		contracts = TestFiles.copy(Path.of("contracts"), dir.resolve("contracts"));
	}

	@Test
	void loadsTheShippedGateOnEmailCampaigns() {
		Gate gate = new ContractLoader().load(contracts).find("email-campaign").orElseThrow().spec().gate();
		assertThat(gate.reason()).isEqualTo("Legal review of regulated offers");
		assertThat(gate.condition()).isNotNull();
		assertThat(gate.changed()).isEmpty();
		assertThat(new ContractLoader().load(contracts).find("cms-landing-page").orElseThrow().spec().gate())
			.as("no gate, nothing held")
			.isNull();
	}

	@Test
	void loadsAChangedGateOnTheBrief() throws IOException {
		TestFiles.replace(contracts.resolve(BRIEF), "\"source\": true,",
				"\"source\": true, \"gate\": {\"reason\": \"Brand approves a new landing page\", \"changed\": [\"landing_url\", \"locale\"]},");
		Gate gate = new ContractLoader().load(contracts).source().spec().gate();
		assertThat(gate.changed()).containsExactly("landing_url", "locale");
		assertThat(gate.condition()).isNull();
	}

	@Test
	void resolvesALocalRefInAConditionAgainstTheContractsDefinitions() throws IOException {
		TestFiles.replace(contracts.resolve(CMS), "\"channel\": \"web\",",
				"\"channel\": \"web\", \"gate\": {\"reason\": \"r\", \"if\": "
						+ "{\"properties\": {\"meta\": {\"properties\": {\"campaign_id\": {\"$ref\": \"#/definitions/campaignId\"}}}}}},");
		org.everit.json.schema.Schema condition = new ContractLoader().load(contracts)
			.find("cms-landing-page")
			.orElseThrow()
			.spec()
			.gate()
			.condition();

		// the reference reaches the definition: a campaign id of the defined form holds,
		// another does not
		assertThatCode(() -> condition.validate(new JSONObject("{\"meta\": {\"campaign_id\": \"C-1001\"}}")))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> condition.validate(new JSONObject("{\"meta\": {\"campaign_id\": \"X-1\"}}")))
			.isInstanceOf(ValidationException.class);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					no reason                 | email-campaign.schema.json   | "reason": "Legal review of regulated offers",  | ''                                                   | /x-handoff/gate/reason  | a gate needs a 'reason'
					blank reason              | email-campaign.schema.json   | "reason": "Legal review of regulated offers"   | "reason": " "                                        | /x-handoff/gate/reason  | a gate needs a 'reason'
					neither if nor changed    | email-campaign.schema.json   | "if": {                                        | "unless": {                                          | /x-handoff/gate         | exactly one of 'if' and 'changed', found neither
					both if and changed       | brief-approved.schema.json   | "source": true,                                | "source": true, "gate": {"reason": "r", "changed": ["landing_url"], "if": {}}, | /x-handoff/gate | exactly one of 'if' and 'changed', not both
					unknown gate key          | email-campaign.schema.json   | "reason": "Legal review of regulated offers",  | "reason": "Legal review of regulated offers", "approvers": ["legal"], | /x-handoff/gate/approvers | unknown key 'approvers' in a gate
					gate not an object        | cms-landing-page.schema.json | "channel": "web",                              | "channel": "web", "gate": "legal",                   | /x-handoff/gate         | must be an object
					changed not a truth field | brief-approved.schema.json   | "source": true,                                | "source": true, "gate": {"reason": "r", "changed": ["landing_page"]}, | /x-handoff/gate/changed/0 | 'landing_page' is not a truth field of this contract [id, landing_url, locale, name, owner]
					changed empty             | brief-approved.schema.json   | "source": true,                                | "source": true, "gate": {"reason": "r", "changed": []}, | /x-handoff/gate/changed | must be a non-empty list of truth fields
					changed on an edge        | cms-landing-page.schema.json | "channel": "web",                              | "channel": "web", "gate": {"reason": "r", "changed": ["landing_url"]}, | /x-handoff/gate/changed | belongs on the source contract
					if not a schema object    | cms-landing-page.schema.json | "channel": "web",                              | "channel": "web", "gate": {"reason": "r", "if": true}, | /x-handoff/gate/if    | must be a JSON Schema object
					remote $ref in if         | email-campaign.schema.json   | "properties": { "regulated_offer": { "const": true } } | "properties": { "regulated_offer": { "$ref": "https://schemas.example.org/offer.json" } } | /x-handoff/gate/if/properties/handoff/properties/regulated_offer/$ref | remote $ref 'https://schemas.example.org/offer.json' is not allowed
					unsafe pattern in if      | email-campaign.schema.json   | "properties": { "regulated_offer": { "const": true } } | "properties": { "regulated_offer": { "pattern": "(?=APR)" } } | /x-handoff/gate/if/properties/handoff/properties/regulated_offer/pattern | not a valid or safe regular expression
					invalid schema in if      | email-campaign.schema.json   | "properties": { "regulated_offer": { "const": true } } | "properties": { "regulated_offer": { "type": "boolen" } } | /x-handoff/gate/if      | is not a valid JSON Schema
					""")
	void refusesABadGateAtLoadAndLintSaysTheSame(String kind, String file, String from, String to, String pointer,
			String problem) throws IOException {
		TestFiles.replace(contracts.resolve(file), from, to);

		InvalidContractsException refused = catchThrowableOfType(InvalidContractsException.class,
				() -> new ContractLoader().load(contracts));

		assertThat(refused).as("the set is refused").isNotNull();
		assertThat(refused.problems()).anySatisfy(p -> {
			assertThat(p.file()).isEqualTo(file);
			assertThat(p.pointer()).startsWith(pointer);
			assertThat(p.problem()).contains(problem);
		});
		List<ContractProblem> linted = new Linter().lint(contracts, Path.of("routes"));
		assertThat(linted).anySatisfy(p -> {
			assertThat(p.file()).endsWith(file);
			assertThat(p.pointer()).startsWith(pointer);
			assertThat(p.problem()).contains(problem);
		});
	}

	@Test
	void namesEveryProblemOfAGateAtOnce() throws IOException {
		TestFiles.replace(contracts.resolve(CMS), "\"channel\": \"web\",",
				"\"channel\": \"web\", \"gate\": {\"changed\": [\"landing_url\"]},");
		assertThatThrownBy(() -> new ContractLoader().load(contracts)).isInstanceOf(InvalidContractsException.class)
			.hasMessageContaining("cms-landing-page.schema.json at /x-handoff/gate/reason: a gate needs a 'reason'")
			.hasMessageContaining(
					"cms-landing-page.schema.json at /x-handoff/gate/changed: 'changed' holds a new brief version");
	}

}
