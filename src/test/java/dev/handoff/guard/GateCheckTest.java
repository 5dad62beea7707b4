package dev.handoff.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.TestFiles;
import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractSet;
import dev.handoff.lint.MemoryTruth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's last word: a message that breaks nothing is held when its contract's gate
 * matches it as it would go on, or, for a brief, when the new version changes a gated
 * truth field. A held message is not accepted, so nothing that only asks
 * {@code accepted()} lets it through.
 */
class GateCheckTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@TempDir
	Path dir;

	private ContractSet contracts;

	private final MemoryTruth truth = new MemoryTruth();

	private Guard guard;

	@BeforeEach
	void contractsWithAGatedBrief() throws IOException {
		Path folder = TestFiles.copy(Path.of("contracts"), dir.resolve("contracts"));
		TestFiles.replace(folder.resolve("brief-approved.schema.json"), "\"source\": true,",
				"\"source\": true, \"gate\": {\"reason\": \"New landing page\", \"changed\": [\"landing_url\"]},");
		contracts = new ContractLoader().load(folder);
		guard = new Guard(new GuardProperties(1_048_576, 32, 64), truth);
	}

	private Verdict check(String contract, JsonNode message) throws IOException {
		Verdict verdict = guard.check(contracts.find(contract).orElseThrow(), contracts.taxonomy(),
				JSON.writeValueAsBytes(message));
		if (verdict.accepted() && verdict.newTruth() != null) {
			truth.record(verdict.newTruth());
		}
		return verdict;
	}

	private static ObjectNode example(String edge, String file) throws IOException {
		return (ObjectNode) JSON.readTree(Path.of("contracts/examples", edge, file).toFile()).get("message");
	}

	private static ObjectNode brief(int version, String landing, String name) throws IOException {
		ObjectNode brief = example("brief-approved", "01-approved-brief.json");
		((ObjectNode) brief.get("fields")).put("version", version).put("landing_url", landing).put("name", name);
		return brief;
	}

	@Test
	void neverHoldsTheFirstVersionOfACampaign() throws IOException {
		assertThat(check("brief-approved", brief(1, "https://shop.example.com/a", "Spring Sale 2027")).accepted())
			.isTrue();
	}

	@Test
	void holdsANewVersionThatMovesTheLandingUrlWithTheTruthItWouldBecome() throws IOException {
		check("brief-approved", brief(1, "https://shop.example.com/a", "Spring Sale 2027"));

		Verdict moved = check("brief-approved", brief(2, "https://shop.example.com/b", "Spring Sale 2027"));

		assertThat(moved.held()).isTrue();
		assertThat(moved.accepted()).isFalse();
		assertThat(moved.gate()).isEqualTo("New landing page");
		assertThat(moved.violations()).isEmpty();
		assertThat(moved.newTruth().version()).isEqualTo(2);
		assertThat(moved.newTruth().field("landing_url").asText()).isEqualTo("https://shop.example.com/b");
		assertThat(truth.current("C-1001").orElseThrow().version()).as("held, so not recorded").isEqualTo(1);
	}

	@Test
	void letsANewVersionThroughThatChangesOnlyUngatedFields() throws IOException {
		check("brief-approved", brief(1, "https://shop.example.com/a", "Spring Sale 2027"));
		assertThat(
				check("brief-approved", brief(2, "https://shop.example.com/a", "Spring Sale 2027 extended")).accepted())
			.isTrue();
	}

	@Test
	void acceptsTheSameVersionSentAgainWithoutAsking() throws IOException {
		check("brief-approved", brief(1, "https://shop.example.com/a", "Spring Sale 2027"));
		assertThat(check("brief-approved", brief(1, "https://shop.example.com/a", "Spring Sale 2027")).accepted())
			.isTrue();
	}

	@Test
	void rejectsRatherThanHoldsAMessageThatBreaksItsContract() throws IOException {
		check("brief-approved", example("brief-approved", "01-approved-brief.json"));
		check("brief-approved", example("brief-approved", "02-late-change-of-landing-url.json"));
		ObjectNode offer = example("email-campaign", "12-regulated-offer-held.json");
		((ObjectNode) offer.get("tracking")).put("google_analytics", "Spring_Sale");

		Verdict verdict = check("email-campaign", offer);

		assertThat(verdict.held()).isFalse();
		assertThat(verdict.violations()).extracting(Violation::rule).contains(Rules.GENERATED_MISMATCH);
	}

	@Test
	void holdsOnlyWhatTheConditionMatchesAndKeepsTheGeneratedValuesForApproval() throws IOException {
		truth.record(new dev.handoff.truth.Truth("C-1001", 2, (ObjectNode) JSON.readTree(
				"""
						{"id": "C-1001", "name": "Spring Sale 2027", "landing_url": "https://shop.example.com/spring-sale-2027", "locale": "en-GB"}"""),
				"m", java.time.Instant.now()));
		ObjectNode offer = example("email-campaign", "12-regulated-offer-held.json");

		Verdict regulated = check("email-campaign", offer);
		((ObjectNode) offer.get("handoff")).put("regulated_offer", false);
		Verdict declared = check("email-campaign", offer);
		((ObjectNode) offer.get("handoff")).remove("regulated_offer");
		Verdict silent = check("email-campaign", offer);

		assertThat(regulated.held()).isTrue();
		assertThat(regulated.gate()).isEqualTo("Legal review of regulated offers");
		assertThat(JSON.readTree(regulated.forwarded()).at("/tracking/google_analytics").asText())
			.isEqualTo("spring-sale-2027-c-1001");
		assertThat(declared.accepted()).isTrue();
		assertThat(silent.accepted()).isTrue();
	}

	@Test
	void surelyFailsOnlyWhereEveritFailsToo() throws IOException {
		String[] conditions = { "{\"required\": [\"a\"]}", "{\"type\": \"object\", \"required\": [\"a\", \"b\"]}",
				"{\"properties\": {\"a\": {\"required\": [\"x\"], \"properties\": {\"x\": {\"const\": true}}}}}",
				"{\"required\": [\"a\"], \"properties\": {\"a\": {\"type\": \"object\", \"required\": [\"x\"]}}}",
				"{\"anyOf\": [{\"required\": [\"a\"]}, {\"required\": [\"b\"]}]}", "{\"const\": {\"a\": 1}}",
				"{\"required\": []}" };
		String[] messages = { "{}", "{\"a\": 1}", "{\"a\": null}", "{\"a\": {}}", "{\"a\": {\"x\": true}}",
				"{\"a\": {\"x\": false}}", "{\"a\": [1], \"b\": 2}", "{\"b\": {}}", "[]", "\"text\"", "1" };
		int sure = 0;
		for (String condition : conditions) {
			org.everit.json.schema.Schema schema = org.everit.json.schema.loader.SchemaLoader
				.load(new org.json.JSONObject(condition));
			for (String message : messages) {
				JsonNode node = JSON.readTree(message);
				if (GateCheck.surelyFails(schema, node)) {
					sure++;
					assertThat(org.assertj.core.api.Assertions
						.catchThrowable(() -> schema.validate(dev.handoff.json.OrgJson.from(node))))
						.as(condition + " on " + message)
						.isInstanceOf(org.everit.json.schema.ValidationException.class);
				}
			}
		}
		assertThat(sure).as("the short cut is taken at all").isGreaterThan(10);
	}

}
