package dev.handoff.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How a diff report reads for people and for tools. */
class DiffReportTest {

	private static final Change REQUIRED = new Change("email-campaign.schema.json", "/properties/settings/required",
			Impact.BREAKING_FOR_SENDERS, "'subject_line' is now required", false);

	private static final Change DESCRIPTION = new Change("cms-landing-page.schema.json", "/description", Impact.SAFE,
			"description changed (documentation only: no message changes its fate)", false);

	private static final Change GENERATE = new Change("email-campaign.schema.json", "/x-handoff/generate/~1u",
			Impact.BREAKING_FOR_RECEIVERS, "/u no longer is generated (was utm.campaign)", true);

	private static final Change TEMPLATE = new Change("taxonomy.json", "/utm/campaign", Impact.BREAKING_FOR_RECEIVERS,
			"generated utm_campaign values change", true);

	@Nested
	class Text {

		@Test
		void listsChangesPerFileThenTruthChangesApartThenASummary() {
			DiffReport report = new DiffReport(List.of(REQUIRED, GENERATE, DESCRIPTION, TEMPLATE), Set.of());
			assertThat(report.text()).isEqualTo(
					"""
							cms-landing-page.schema.json
							  cms-landing-page.schema.json /description  safe: description changed (documentation only: no message changes its fate)
							email-campaign.schema.json
							  email-campaign.schema.json /properties/settings/required  BREAKING for senders: 'subject_line' is now required

							%s
							  email-campaign.schema.json /x-handoff/generate/~1u  BREAKING for receivers: /u no longer is generated (was utm.campaign)
							  taxonomy.json /utm/campaign  BREAKING for receivers: generated utm_campaign values change

							4 change(s), 3 breaking, 2 to truth or generated values; not accepted: raise x-handoff.contractVersion of the contract \
							to accept them (a taxonomy change always counts)
							"""
						.formatted(DiffText.TRUTH_HEADING));
		}

		@Test
		void marksBreakingChangesOfARaisedContractAsAccepted() {
			DiffReport report = new DiffReport(List.of(REQUIRED, DESCRIPTION), Set.of("email-campaign.schema.json"));
			assertThat(report.text())
				.contains(
						"""
								email-campaign.schema.json  (contractVersion raised: breaking changes accepted)
								  email-campaign.schema.json /properties/settings/required  BREAKING for senders: 'subject_line' is now required\
								  (accepted: contractVersion raised)
								""")
				.contains("/description  safe: description changed (documentation only: no message changes its fate)\n")
				.endsWith(
						"2 change(s), 1 breaking, 0 to truth or generated values; accepted (contractVersion raised)\n")
				.doesNotContain(DiffText.TRUTH_HEADING);
		}

		@Test
		void showsTruthChangesEvenWhenNothingElseChanged() {
			DiffReport report = new DiffReport(List.of(GENERATE), Set.of());
			assertThat(report.text())
				.startsWith(DiffText.TRUTH_HEADING + "\n  email-campaign.schema.json /x-handoff/generate/~1u  ");
		}

		@Test
		void saysSoWhenOnlySafeChangesWereMade() {
			assertThat(new DiffReport(List.of(DESCRIPTION), Set.of()).text())
				.endsWith("\n\n1 change(s), 0 breaking, 0 to truth or generated values\n");
		}

	}

	@Nested
	class Verdict {

		@Test
		void safeChangesDoNotBreak() {
			assertThat(new DiffReport(List.of(DESCRIPTION), Set.of()).breaking()).isFalse();
		}

		@Test
		void aRaisedContractVersionAcceptsOnlyItsOwnFile() {
			assertThat(new DiffReport(List.of(REQUIRED, GENERATE), Set.of("email-campaign.schema.json")).breaking())
				.isFalse();
			assertThat(new DiffReport(List.of(REQUIRED, TEMPLATE), Set.of("email-campaign.schema.json")).breaking())
				.isTrue();
		}

	}

	@Nested
	class Json {

		@Test
		void carriesTheVerdictEveryChangeAndTheTruthChanges() throws Exception {
			JsonNode json = new ObjectMapper().readTree(new DiffReport(List.of(REQUIRED, GENERATE), Set.of()).json());
			assertThat(json.get("breaking").asBoolean()).isTrue();
			assertThat(json.get("bumped")).isEmpty();
			assertThat(json.get("changes")).hasSize(2);
			JsonNode first = json.get("changes").get(0);
			assertThat(first.get("file").asText()).isEqualTo("email-campaign.schema.json");
			assertThat(first.get("pointer").asText()).isEqualTo("/properties/settings/required");
			assertThat(first.get("impact").asText()).isEqualTo("BREAKING_FOR_SENDERS");
			assertThat(first.get("description").asText()).isEqualTo("'subject_line' is now required");
			assertThat(first.get("truth").asBoolean()).isFalse();
			assertThat(json.get("truthChanges")).hasSize(1);
			assertThat(json.get("truthChanges").get(0).get("pointer").asText()).isEqualTo("/x-handoff/generate/~1u");
		}

		@Test
		void listsTheRaisedContracts() throws Exception {
			JsonNode json = new ObjectMapper()
				.readTree(new DiffReport(List.of(REQUIRED), Set.of("email-campaign.schema.json")).json());
			assertThat(json.get("breaking").asBoolean()).isFalse();
			assertThat(json.get("bumped").get(0).asText()).isEqualTo("email-campaign.schema.json");
		}

	}

}
