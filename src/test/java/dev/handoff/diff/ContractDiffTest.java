package dev.handoff.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Which way each change to a contract cuts. */
class ContractDiffTest {

	private static final String FILE = "email.schema.json";

	private static List<Change> diff(String before, String after) {
		return ContractDiff
			.compare(Map.of(FILE, before.getBytes(StandardCharsets.UTF_8)),
					Map.of(FILE, after.getBytes(StandardCharsets.UTF_8)))
			.changes();
	}

	private static String object(String properties, String extra) {
		return "{\"type\": \"object\", \"properties\": {" + properties + "}" + extra
				+ ", \"x-handoff\": {\"channel\": \"email\"}}";
	}

	@Nested
	class Properties {

		@Test
		void aNewRequiredFieldBreaksSenders() {
			assertThat(diff(object("\"a\": {\"type\": \"string\"}", ""),
					object("\"a\": {\"type\": \"string\"}", ", \"required\": [\"a\"]")))
				.singleElement()
				.satisfies(c -> {
					assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_SENDERS);
					assertThat(c.pointer()).isEqualTo("/required");
					assertThat(c.description()).isEqualTo("'a' is now required");
				});
		}

		@Test
		void aNewOptionalFieldIsSafeUnderOpenContent() {
			assertThat(diff(object("\"a\": {}", ""), object("\"a\": {}, \"b\": {\"type\": \"string\"}", "")))
				.singleElement()
				.satisfies(c -> assertThat(c.impact()).isEqualTo(Impact.SAFE));
		}

		@Test
		void aNewOptionalFieldBreaksReceiversWhereAdditionalPropertiesWereForbidden() {
			assertThat(diff(object("\"a\": {}", ", \"additionalProperties\": false"),
					object("\"a\": {}, \"b\": {}", ", \"additionalProperties\": false")))
				.singleElement()
				.satisfies(c -> {
					assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_RECEIVERS);
					assertThat(c.pointer()).isEqualTo("/properties/b");
				});
		}

		@Test
		void forbiddingAdditionalPropertiesBreaksSenders() {
			assertThat(diff(object("\"a\": {}", ""), object("\"a\": {}", ", \"additionalProperties\": false")))
				.extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS);
		}

	}

	@Nested
	class Values {

		@Test
		void aRemovedEnumValueBreaksSendersAndAnAddedOneReceivers() {
			List<Change> changes = diff(object("\"t\": {\"enum\": [\"a\", \"b\"]}", ""),
					object("\"t\": {\"enum\": [\"a\", \"c\"]}", ""));
			assertThat(changes).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS, Impact.BREAKING_FOR_RECEIVERS);
			assertThat(changes).extracting(Change::pointer).containsOnly("/properties/t/enum");
			assertThat(changes.get(0).description()).contains("\"b\"");
		}

		@Test
		void aNarrowerRangeBreaksSendersAndAWiderOneReceivers() {
			assertThat(diff(object("\"n\": {\"maxLength\": 150}", ""), object("\"n\": {\"maxLength\": 100}", "")))
				.extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS);
			assertThat(diff(object("\"n\": {\"minimum\": 5}", ""), object("\"n\": {\"minimum\": 1}", "")))
				.extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
		}

		@Test
		void aChangedPatternIsTreatedAsBreakingForSenders() {
			assertThat(diff(object("\"id\": {\"pattern\": \"^C-[0-9]+$\"}", ""),
					object("\"id\": {\"pattern\": \"^C-[0-9]{4}$\"}", "")))
				.singleElement()
				.satisfies(c -> assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_SENDERS));
		}

		@Test
		void aChangedDescriptionIsSafe() {
			assertThat(
					diff(object("\"a\": {\"description\": \"x\"}", ""), object("\"a\": {\"description\": \"y\"}", "")))
				.singleElement()
				.satisfies(c -> assertThat(c.impact()).isEqualTo(Impact.SAFE));
		}

	}

	@Nested
	class TruthAndGenerated {

		private String handoff(String block) {
			return "{\"type\": \"object\", \"x-handoff\": {" + block + "}}";
		}

		@Test
		void aNewMustMatchBreaksSendersAndIsCalledOut() {
			assertThat(diff(handoff("\"channel\": \"email\""),
					handoff("\"channel\": \"email\", \"mustMatch\": {\"/landing\": \"landing_url\"}")))
				.singleElement()
				.satisfies(c -> {
					assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_SENDERS);
					assertThat(c.truth()).isTrue();
					assertThat(c.pointer()).isEqualTo("/x-handoff/mustMatch/~1landing");
				});
		}

		@Test
		void aChangedGeneratorBreaksReceivers() {
			assertThat(diff(handoff("\"generate\": {\"/u\": \"utm.campaign\"}"),
					handoff("\"generate\": {\"/u\": \"utm.source\"}")))
				.singleElement()
				.satisfies(c -> assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_RECEIVERS));
		}

		@Test
		void aBreakingChangeIsAcceptedWhenTheContractVersionWasRaised() {
			String before = "{\"type\": \"object\", \"x-handoff\": {\"contractVersion\": 1}}";
			String after = "{\"type\": \"object\", \"required\": [\"a\"], \"x-handoff\": {\"contractVersion\": 2}}";
			DiffReport report = ContractDiff.compare(Map.of(FILE, before.getBytes(StandardCharsets.UTF_8)),
					Map.of(FILE, after.getBytes(StandardCharsets.UTF_8)));
			assertThat(report.changes()).extracting(Change::impact).containsExactly(Impact.BREAKING_FOR_SENDERS);
			assertThat(report.breaking()).isFalse();
			assertThat(report.text()).contains("contractVersion raised");
		}

	}

}
