package dev.handoff.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ContractDiff} on small inline schemas: which way a change cuts,
 * where, and in which words.
 */
class ContractDiffRulesTest {

	private static final String FILE = "edge.schema.json";

	private static final String BLOCK = "'x-handoff': {'channel': 'email'}";

	/** Single quotes stand for double quotes, so the schemas stay readable. */
	private static byte[] json(String text) {
		return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
	}

	private static DiffReport report(String before, String after) {
		return ContractDiff.compare(Map.of(FILE, json(before)), Map.of(FILE, json(after)));
	}

	private static List<Change> diff(String before, String after) {
		return report(before, after).changes();
	}

	/** A contract whose schema is the given keywords, with a plain x-handoff block. */
	private static String schema(String keywords) {
		return "{" + keywords + (keywords.isEmpty() ? "" : ", ") + BLOCK + "}";
	}

	/** A contract whose only property 'p' has the given schema. */
	private static String property(String schema) {
		return schema("'type': 'object', 'properties': {'p': " + schema + "}");
	}

	private static String handoff(String block) {
		return "{'type': 'object', 'x-handoff': {" + block + "}}";
	}

	@Nested
	class Required {

		@Test
		void aNewRequiredPropertyBreaksSenders() {
			assertThat(diff(schema("'properties': {'a': {}}"), schema("'properties': {'a': {}}, 'required': ['a']")))
				.extracting(Change::pointer, Change::impact, Change::description, Change::truth)
				.containsExactly(tuple("/required", Impact.BREAKING_FOR_SENDERS, "'a' is now required", false));
		}

		@Test
		void aPropertyNoLongerRequiredBreaksReceivers() {
			assertThat(diff(schema("'required': ['a', 'b']"), schema("'required': ['a']")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/required", Impact.BREAKING_FOR_RECEIVERS, "'b' is no longer required"));
		}

	}

	@Nested
	class OptionalProperties {

		@Test
		void aNewOptionalPropertyIsSafeWhereAdditionalPropertiesWereAllowed() {
			DiffReport report = report(schema("'properties': {'a': {}}"),
					schema("'properties': {'a': {}, 'b': {'type': 'string'}}"));
			assertThat(report.changes()).extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/b", Impact.SAFE,
						"new optional property 'b' (additional properties were already allowed)"));
			assertThat(report.breaking()).isFalse();
		}

		@Test
		void aNewOptionalPropertyBreaksReceiversWhereAdditionalPropertiesWereForbidden() {
			assertThat(diff(schema("'properties': {'a': {}}, 'additionalProperties': false"),
					schema("'properties': {'a': {}, 'b': {}}, 'additionalProperties': false")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/b", Impact.BREAKING_FOR_RECEIVERS,
						"new property 'b' is now accepted where additional properties were forbidden"));
		}

		@Test
		void removingAPropertyThatWasAllowedUnderAdditionalPropertiesFalseBreaksSenders() {
			assertThat(diff(schema("'properties': {'a': {}, 'b': {}}, 'additionalProperties': false"),
					schema("'properties': {'a': {}}, 'additionalProperties': false")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/b", Impact.BREAKING_FOR_SENDERS));
		}

		@Test
		void removingAPropertyUnderOpenContentStopsCheckingItsValues() {
			assertThat(
					diff(schema("'properties': {'a': {}, 'b': {'type': 'string'}}"), schema("'properties': {'a': {}}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/b", Impact.BREAKING_FOR_RECEIVERS,
						"property 'b' removed: its values are no longer checked"));
		}

	}

	@Nested
	class AdditionalProperties {

		@Test
		void forbiddingThemBreaksSenders() {
			assertThat(diff(schema("'type': 'object'"), schema("'type': 'object', 'additionalProperties': false")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/additionalProperties", Impact.BREAKING_FOR_SENDERS,
						"additional properties are now forbidden"));
		}

		@Test
		void turningFalseIntoTrueBreaksReceivers() {
			assertThat(diff(schema("'additionalProperties': false"), schema("'additionalProperties': true")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/additionalProperties", Impact.BREAKING_FOR_RECEIVERS));
		}

		@Test
		void droppingFalseBreaksReceivers() {
			assertThat(diff(schema("'type': 'object', 'additionalProperties': false"), schema("'type': 'object'")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/additionalProperties", Impact.BREAKING_FOR_RECEIVERS));
		}

		@Test
		void trueAndAbsentMeanTheSame() {
			assertThat(diff(schema("'type': 'object'"), schema("'type': 'object', 'additionalProperties': true")))
				.isEmpty();
		}

		@Test
		void aSchemaForThemBreaksSendersWhenAddedAndReceiversWhenRemoved() {
			String open = schema("'type': 'object'");
			String typed = schema("'type': 'object', 'additionalProperties': {'type': 'string'}");
			assertThat(diff(open, typed)).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/additionalProperties", Impact.BREAKING_FOR_SENDERS));
			assertThat(diff(typed, open)).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/additionalProperties", Impact.BREAKING_FOR_RECEIVERS));
		}

		@Test
		void theirSchemaIsWalkedInto() {
			assertThat(diff(schema("'additionalProperties': {'type': 'string'}"),
					schema("'additionalProperties': {'type': 'string', 'maxLength': 5}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(
						tuple("/additionalProperties/maxLength", Impact.BREAKING_FOR_SENDERS, "maxLength 5 added"));
		}

	}

	@Nested
	class EnumAndConst {

		@Test
		void aRemovedValueBreaksSenders() {
			assertThat(diff(property("{'enum': ['a', 'b']}"), property("{'enum': ['a']}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(
						tuple("/properties/p/enum", Impact.BREAKING_FOR_SENDERS, "value(s) [\"b\"] no longer allowed"));
		}

		@Test
		void anAddedValueBreaksReceivers() {
			assertThat(diff(property("{'enum': ['a']}"), property("{'enum': ['a', 'c']}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(
						tuple("/properties/p/enum", Impact.BREAKING_FOR_RECEIVERS, "value(s) [\"c\"] now allowed"));
		}

		@Test
		void aSwappedValueBreaksBoth() {
			assertThat(diff(property("{'enum': ['a', 'b']}"), property("{'enum': ['a', 'c']}")))
				.extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS, Impact.BREAKING_FOR_RECEIVERS);
		}

		@Test
		void reorderedValuesAreNoChange() {
			assertThat(diff(property("{'enum': ['a', 'b']}"), property("{'enum': ['b', 'a']}"))).isEmpty();
		}

		@Test
		void aChangedConstBreaksBoth() {
			assertThat(diff(property("{'const': 'v1'}"), property("{'const': 'v2'}")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/p/const", Impact.BREAKING_FOR_SENDERS),
						tuple("/properties/p/const", Impact.BREAKING_FOR_RECEIVERS));
		}

		@Test
		void anAddedConstBreaksSendersAndARemovedOneReceivers() {
			assertThat(diff(property("{}"), property("{'const': 'v1'}")))
				.extracting(Change::impact, Change::description)
				.containsExactly(tuple(Impact.BREAKING_FOR_SENDERS, "the value must now be \"v1\""));
			assertThat(diff(property("{'const': 'v1'}"), property("{}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
		}

	}

	@Nested
	class Type {

		@Test
		void fewerTypesBreakSenders() {
			assertThat(diff(property("{'type': ['string', 'null']}"), property("{'type': 'string'}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/p/type", Impact.BREAKING_FOR_SENDERS,
						"type narrowed from [string, null] to [string]"));
		}

		@Test
		void moreTypesBreakReceivers() {
			assertThat(diff(property("{'type': 'string'}"), property("{'type': ['string', 'null']}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/p/type", Impact.BREAKING_FOR_RECEIVERS,
						"type widened from [string] to [string, null]"));
		}

		@Test
		void numberToIntegerNarrowsAndBackWidens() {
			assertThat(diff(property("{'type': 'number'}"), property("{'type': 'integer'}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS);
			assertThat(diff(property("{'type': 'integer'}"), property("{'type': 'number'}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
		}

	}

	@Nested
	class BoundsPatternAndFormat {

		@Test
		void aRaisedMinimumBreaksSendersAndALoweredOneReceivers() {
			assertThat(diff(property("{'minLength': 1}"), property("{'minLength': 3}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(
						tuple("/properties/p/minLength", Impact.BREAKING_FOR_SENDERS, "minLength changed from 1 to 3"));
			assertThat(diff(property("{'minimum': 5}"), property("{'minimum': 1}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
			assertThat(diff(property("{'minItems': 1}"), property("{'minItems': 2}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS);
		}

		@Test
		void aLoweredMaximumBreaksSendersAndARaisedOneReceivers() {
			assertThat(diff(property("{'maxLength': 150}"), property("{'maxLength': 100}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS);
			assertThat(diff(property("{'maximum': 10}"), property("{'maximum': 10.5}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
			assertThat(diff(property("{'maxItems': 3}"), property("{'maxItems': 4}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
		}

		@Test
		void anAddedBoundBreaksSendersAndARemovedOneReceivers() {
			assertThat(diff(property("{}"), property("{'maxItems': 3}")))
				.extracting(Change::impact, Change::description)
				.containsExactly(tuple(Impact.BREAKING_FOR_SENDERS, "maxItems 3 added"));
			assertThat(diff(property("{'minimum': 1}"), property("{}"))).extracting(Change::impact, Change::description)
				.containsExactly(tuple(Impact.BREAKING_FOR_RECEIVERS, "minimum 1 removed"));
		}

		@Test
		void aChangedPatternBreaksSendersAndSaysItCannotBeProvenEitherWay() {
			assertThat(diff(property("{'pattern': '^C-[0-9]+$'}"), property("{'pattern': '^C-[0-9]{4}$'}")))
				.singleElement()
				.satisfies(c -> {
					assertThat(c.pointer()).isEqualTo("/properties/p/pattern");
					assertThat(c.impact()).isEqualTo(Impact.BREAKING_FOR_SENDERS);
					assertThat(c.description()).contains("cannot be proven");
				});
		}

		@Test
		void anAddedPatternBreaksSendersAndARemovedOneReceivers() {
			assertThat(diff(property("{}"), property("{'pattern': '^a'}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS);
			assertThat(diff(property("{'pattern': '^a'}"), property("{}"))).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_RECEIVERS);
		}

		@Test
		void anAddedFormatBreaksSendersAndARemovedOneReceivers() {
			assertThat(diff(property("{'type': 'string'}"), property("{'type': 'string', 'format': 'email'}")))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/properties/p/format", Impact.BREAKING_FOR_SENDERS, "format \"email\" added"));
			assertThat(diff(property("{'format': 'uri'}"), property("{}"))).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/p/format", Impact.BREAKING_FOR_RECEIVERS));
		}

	}

	@Nested
	class Documentation {

		@Test
		void descriptionTitleCommentAndExamplesAreSafe() {
			DiffReport report = report(
					property("{'description': 'x', 'title': 'P', '$comment': 'c', 'examples': ['a']}"),
					property("{'description': 'y', 'title': 'Q', '$comment': 'd', 'examples': ['b']}"));
			assertThat(report.changes()).extracting(Change::pointer, Change::impact)
				.containsExactlyInAnyOrder(tuple("/properties/p/description", Impact.SAFE),
						tuple("/properties/p/title", Impact.SAFE), tuple("/properties/p/$comment", Impact.SAFE),
						tuple("/properties/p/examples", Impact.SAFE));
			assertThat(report.breaking()).isFalse();
		}

		@Test
		void aKeywordWithoutARuleIsTreatedAsBreakingForSenders() {
			assertThat(diff(property("{'anyOf': [{'type': 'string'}]}"), property("{'anyOf': [{'type': 'number'}]}")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/p/anyOf", Impact.BREAKING_FOR_SENDERS));
		}

	}

	@Nested
	class Walking {

		@Test
		void nestedPropertiesAreComparedAtTheirSchemaPath() {
			assertThat(diff(property("{'type': 'object', 'properties': {'q': {'type': 'object', 'required': []}}}"),
					property("{'type': 'object', 'properties': {'q': {'type': 'object', 'required': ['r']}}}")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/p/properties/q/required", Impact.BREAKING_FOR_SENDERS));
		}

		@Test
		void itemsAreWalkedInto() {
			assertThat(diff(property("{'type': 'array', 'items': {'enum': ['a', 'b']}}"),
					property("{'type': 'array', 'items': {'enum': ['a']}}")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/p/items/enum", Impact.BREAKING_FOR_SENDERS));
		}

		@Test
		void aPropertyNameWithASlashIsEscapedInThePointer() {
			assertThat(diff(schema("'properties': {'a/b': {}}"), schema("'properties': {'a/b': {'type': 'string'}}")))
				.extracting(Change::pointer)
				.containsExactly("/properties/a~1b/type");
		}

		@Test
		void definitionsAreWalkedSoAChangedRefTargetIsFound() {
			String before = schema(
					"'properties': {'p': {'$ref': '#/definitions/id'}}, 'definitions': {'id': {'type': 'string'}}");
			String after = schema(
					"'properties': {'p': {'$ref': '#/definitions/id'}}, 'definitions': {'id': {'type': 'string', 'minLength': 2}}");
			assertThat(diff(before, after)).extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("/definitions/id/minLength", Impact.BREAKING_FOR_SENDERS, "minLength 2 added"));
		}

		@Test
		void aRefPointedElsewhereIsComparedByWhatItsTargetsAccept() {
			String definitions = "'definitions': {'short': {'type': 'string', 'maxLength': 10}, 'long': {'type': 'string', 'maxLength': 100}}";
			assertThat(diff(schema("'properties': {'p': {'$ref': '#/definitions/short'}}, " + definitions),
					schema("'properties': {'p': {'$ref': '#/definitions/long'}}, " + definitions)))
				.extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(
						tuple("/properties/p/$ref", Impact.SAFE,
								"now refers to #/definitions/long (was #/definitions/short)"),
						tuple("/properties/p/maxLength", Impact.BREAKING_FOR_RECEIVERS,
								"maxLength changed from 10 to 100"));
		}

		@Test
		void movingAnInlineSchemaIntoDefinitionsBreaksNothing() {
			DiffReport report = report(schema("'properties': {'p': {'type': 'string', 'maxLength': 10}}"), schema(
					"'properties': {'p': {'$ref': '#/definitions/p'}}, 'definitions': {'p': {'type': 'string', 'maxLength': 10}}"));
			assertThat(report.changes()).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/p/$ref", Impact.SAFE), tuple("/definitions/p", Impact.SAFE));
			assertThat(report.breaking()).isFalse();
		}

		@Test
		void aRecursiveSchemaIsWalkedOnce() {
			String before = schema(
					"'$ref': '#/definitions/a', 'definitions': {'a': {'properties': {'child': {'$ref': '#/definitions/a'}}}, "
							+ "'b': {'properties': {'child': {'$ref': '#/definitions/b'}}}}");
			String after = before.replace("'$ref': '#/definitions/a', 'definitions'",
					"'$ref': '#/definitions/b', 'definitions'");
			assertThat(diff(before, after)).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/$ref", Impact.SAFE), tuple("/properties/child/$ref", Impact.SAFE));
		}

		@Test
		void aRefThatNoLongerResolvesIsTreatedAsBreaking() {
			assertThat(diff(property("{'type': 'string'}"), property("{'$ref': '#/definitions/gone'}")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/properties/p/$ref", Impact.BREAKING_FOR_SENDERS));
		}

	}

	@Nested
	class HandoffBlock {

		@Test
		void aNewMustMatchEntryBreaksSendersAndIsATruthChange() {
			assertThat(diff(handoff("'channel': 'email'"),
					handoff("'channel': 'email', 'mustMatch': {'/landing': 'landing_url'}")))
				.extracting(Change::pointer, Change::impact, Change::description, Change::truth)
				.containsExactly(tuple("/x-handoff/mustMatch/~1landing", Impact.BREAKING_FOR_SENDERS,
						"/landing now must match (landing_url)", true));
		}

		@Test
		void aRemovedMustMatchEntryBreaksReceiversAndIsATruthChange() {
			assertThat(diff(handoff("'mustMatch': {'/id': 'id'}"), handoff("'mustMatch': {}")))
				.extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/x-handoff/mustMatch/~1id", Impact.BREAKING_FOR_RECEIVERS, true));
		}

		@Test
		void aGeneratedFieldAddedRemovedOrChangedBreaksReceiversAndIsATruthChange() {
			String none = handoff("'channel': 'email'");
			String campaign = handoff("'channel': 'email', 'generate': {'/u': 'utm.campaign'}");
			String source = handoff("'channel': 'email', 'generate': {'/u': 'utm.source'}");
			for (String[] pair : new String[][] { { none, campaign }, { campaign, none }, { campaign, source } }) {
				assertThat(diff(pair[0], pair[1])).extracting(Change::pointer, Change::impact, Change::truth)
					.containsExactly(tuple("/x-handoff/generate/~1u", Impact.BREAKING_FOR_RECEIVERS, true));
			}
		}

		@Test
		void aMovedVersionOrCampaignPointerBreaksSendersAndIsATruthChange() {
			assertThat(diff(handoff("'campaign': '/c', 'version': '/v'"),
					handoff("'campaign': '/campaign', 'version': '/version'")))
				.extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/x-handoff/campaign", Impact.BREAKING_FOR_SENDERS, true),
						tuple("/x-handoff/version", Impact.BREAKING_FOR_SENDERS, true));
		}

		@Test
		void overwritingConflictsBreaksReceiversAndRejectingThemSenders() {
			assertThat(diff(handoff("'onConflict': 'reject'"), handoff("'onConflict': 'overwrite'")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/x-handoff/onConflict", Impact.BREAKING_FOR_RECEIVERS));
			assertThat(diff(handoff("'onConflict': 'overwrite'"), handoff("")))
				.extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/x-handoff/onConflict", Impact.BREAKING_FOR_SENDERS));
		}

		@Test
		void linksFromCheckToRewriteBreakReceiversTheOtherWaySendersAndNewLinksSenders() {
			String check = handoff("'links': {'/html': 'check'}");
			String rewrite = handoff("'links': {'/html': 'rewrite'}");
			assertThat(diff(check, rewrite)).extracting(Change::pointer, Change::impact)
				.containsExactly(tuple("/x-handoff/links/~1html", Impact.BREAKING_FOR_RECEIVERS));
			assertThat(diff(rewrite, check)).extracting(Change::impact).containsExactly(Impact.BREAKING_FOR_SENDERS);
			assertThat(diff(handoff(""), check)).extracting(Change::impact)
				.containsExactly(Impact.BREAKING_FOR_SENDERS);
		}

		@Test
		void aChangedChannelIsATruthChangeForReceivers() {
			assertThat(diff(handoff("'channel': 'email'"), handoff("'channel': 'web'")))
				.extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/x-handoff/channel", Impact.BREAKING_FOR_RECEIVERS, true));
		}

		@Test
		void ownerAndDescriptionChangeNothing() {
			assertThat(diff(handoff("'owner': 'a', 'description': 'x'"), handoff("'owner': 'b', 'description': 'y'")))
				.isEmpty();
		}

	}

	@Nested
	class Files {

		@Test
		void aNewContractIsSafe() {
			DiffReport report = ContractDiff.compare(Map.of(), Map.of(FILE, json(schema(""))));
			assertThat(report.changes()).extracting(Change::file, Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple(FILE, "", Impact.SAFE, false));
			assertThat(report.breaking()).isFalse();
		}

		@Test
		void aRemovedContractBreaksSenders() {
			DiffReport report = ContractDiff.compare(Map.of(FILE, json(schema(""))), Map.of());
			assertThat(report.changes()).extracting(Change::impact, Change::description, Change::truth)
				.containsExactly(
						tuple(Impact.BREAKING_FOR_SENDERS, "contract removed: its edge takes no message", false));
			assertThat(report.breaking()).isTrue();
		}

		@Test
		void aVersionThatIsNotJsonIsOneBreakingChangeNotAListOfRemovals() {
			assertThat(ContractDiff
				.compare(Map.of(FILE, json(handoff("'mustMatch': {'/id': 'id'}"))), Map.of(FILE, json("{'type': ")))
				.changes()).extracting(Change::pointer, Change::impact, Change::description)
				.containsExactly(tuple("", Impact.BREAKING_FOR_SENDERS,
						"the later version is not valid JSON, so the two cannot be compared; run handoff lint on it"));
		}

		@Test
		void anUnchangedFileIsNotCompared() {
			assertThat(ContractDiff.compare(Map.of(FILE, json("not json")), Map.of(FILE, json("not json"))).changes())
				.isEmpty();
		}

		@Test
		void aRemovedTaxonomyIsATruthChange() {
			assertThat(ContractDiff.compare(Map.of("taxonomy.json", json("{}")), Map.of()).changes())
				.extracting(Change::impact, Change::truth)
				.containsExactly(tuple(Impact.BREAKING_FOR_RECEIVERS, true));
		}

	}

	@Nested
	class Taxonomy {

		private static final String TAXONOMY = "{'utm': {'campaign': '{slug(name)}-{lower(id)}', 'allowed': 'a-z0-9_-', 'maxLength': 60}, "
				+ "'channels': {'email': {'source': 'mailchimp', 'medium': 'email'}}, 'domains': ['example.com']}";

		private List<Change> edit(String from, String to) {
			String after = TAXONOMY.replace(from, to);
			assertThat(after).as("the edit applies").isNotEqualTo(TAXONOMY);
			return ContractDiff.compare(Map.of("taxonomy.json", json(TAXONOMY)), Map.of("taxonomy.json", json(after)))
				.changes();
		}

		@Test
		void aChangedTemplateBreaksReceiversAndIsATruthChange() {
			assertThat(edit("{slug(name)}-{lower(id)}", "{lower(id)}"))
				.extracting(Change::pointer, Change::impact, Change::description, Change::truth)
				.containsExactly(tuple("/utm/campaign", Impact.BREAKING_FOR_RECEIVERS,
						"generated utm_campaign values change: campaign is \"{lower(id)}\" (was \"{slug(name)}-{lower(id)}\")",
						true));
		}

		@Test
		void changedAllowedCharactersAndMaxLengthBreakReceivers() {
			assertThat(edit("'a-z0-9_-'", "'a-z0-9-'")).extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/utm/allowed", Impact.BREAKING_FOR_RECEIVERS, true));
			assertThat(edit("60", "40")).extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/utm/maxLength", Impact.BREAKING_FOR_RECEIVERS, true));
		}

		@Test
		void writingOutADefaultIsNoChange() {
			String implicit = "{'utm': {'campaign': '{lower(id)}'}}";
			String explicit = "{'utm': {'campaign': '{lower(id)}', 'allowed': 'a-z0-9_-', 'maxLength': 100}}";
			assertThat(ContractDiff
				.compare(Map.of("taxonomy.json", json(implicit)), Map.of("taxonomy.json", json(explicit)))
				.changes()).isEmpty();
		}

		@Test
		void aChannelsSourceOrMediumBreaksReceivers() {
			assertThat(edit("'source': 'mailchimp'", "'source': 'mc'"))
				.extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/channels/email/source", Impact.BREAKING_FOR_RECEIVERS, true));
			assertThat(edit("'medium': 'email'", "'medium': 'newsletter'"))
				.extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/channels/email/medium", Impact.BREAKING_FOR_RECEIVERS, true));
		}

		@Test
		void aRemovedDomainBreaksReceiversAndANewOneCutsBothWays() {
			assertThat(edit("['example.com']", "[]")).extracting(Change::pointer, Change::impact, Change::truth)
				.containsExactly(tuple("/domains", Impact.BREAKING_FOR_RECEIVERS, true));
			assertThat(edit("['example.com']", "['example.com', 'example.org']"))
				.extracting(Change::impact, Change::truth)
				.containsExactly(tuple(Impact.BREAKING_FOR_SENDERS, true), tuple(Impact.BREAKING_FOR_RECEIVERS, true));
		}

	}

	@Nested
	class Verdict {

		private final Map<String, byte[]> before = new LinkedHashMap<>();

		private final Map<String, byte[]> after = new LinkedHashMap<>();

		@Test
		void aBreakingChangeCountsWhenTheContractVersionStayed() {
			before.put(FILE, json("{'x-handoff': {'contractVersion': 1}}"));
			after.put(FILE, json("{'required': ['a'], 'x-handoff': {'contractVersion': 1}}"));
			assertThat(ContractDiff.compare(before, after).breaking()).isTrue();
		}

		@Test
		void aRaisedContractVersionAcceptsTheBreakButStillReportsIt() {
			before.put(FILE, json("{'x-handoff': {'contractVersion': 1}}"));
			after.put(FILE, json("{'required': ['a'], 'x-handoff': {'contractVersion': 2}}"));
			DiffReport report = ContractDiff.compare(before, after);
			assertThat(report.changes()).extracting(Change::impact).containsExactly(Impact.BREAKING_FOR_SENDERS);
			assertThat(report.bumped()).containsExactly(FILE);
			assertThat(report.breaking()).isFalse();
		}

		@Test
		void aRaisedVersionOfOneContractDoesNotAcceptAnother() {
			before.put(FILE, json("{'x-handoff': {'contractVersion': 1}}"));
			after.put(FILE, json("{'x-handoff': {'contractVersion': 2}}"));
			before.put("other.schema.json", json("{}"));
			after.put("other.schema.json", json("{'required': ['a']}"));
			assertThat(ContractDiff.compare(before, after).breaking()).isTrue();
		}

		@Test
		void aBreakingTaxonomyChangeAlwaysCounts() {
			before.put(FILE, json("{'x-handoff': {'contractVersion': 1}}"));
			after.put(FILE, json("{'x-handoff': {'contractVersion': 2}}"));
			before.put("taxonomy.json", json("{'utm': {'maxLength': 60}}"));
			after.put("taxonomy.json", json("{'utm': {'maxLength': 50}}"));
			assertThat(ContractDiff.compare(before, after).breaking()).isTrue();
		}

	}

}
