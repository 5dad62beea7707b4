package dev.handoff.ui;

import java.util.Map;

import dev.handoff.guard.Rules;

/**
 * Every rule in plain words, in one place so the wording stays consistent: a short title
 * and what to do about it, for people who fix messages but do not read JSON Schema.
 */
final class RuleWords {

	/** A rule's title and advice. */
	record Words(String title, String advice) {
	}

	private static final Map<String, Words> WORDS = Map.ofEntries(Map.entry(Rules.PARSE, new Words("Not readable",
			"The message is not well-formed JSON, so nothing else could be checked. Fix the text so that it is valid JSON.")),
			Map.entry(Rules.TOO_LARGE, new Words("Too large",
					"The message is bigger than this edge accepts; only its beginning was kept. Ask the sender for a smaller message.")),
			Map.entry(Rules.MUST_MATCH, new Words("Differs from the brief",
					"This value must be exactly what the approved brief says. Change it to the expected value.")),
			Map.entry(Rules.GENERATED_MISMATCH, new Words("Typed instead of generated",
					"Handoff fills this value in from the brief so that reports do not split. It was typed differently: use the expected value, or remove the field and Handoff fills it in.")),
			Map.entry(Rules.STALE_VERSION, new Words("Built from an old brief",
					"The message was built from an older version of the brief. Rebuild it from the current brief.")),
			Map.entry(Rules.UNKNOWN_VERSION, new Words("Brief version never approved",
					"The message names a brief version that was never approved. Use the version of the current brief.")),
			Map.entry(Rules.UNKNOWN_CAMPAIGN, new Words("Unknown campaign",
					"No approved brief exists for this campaign. Check the campaign id, or replay once the brief is approved.")),
			Map.entry(Rules.LINK_UTM, new Words("Link without the right tracking",
					"A link to one of our own sites lacks its UTM tracking parameters, or carries wrong ones, so clicks would be counted in the wrong place.")),
			Map.entry(Rules.DELIVERY, new Words("The next tool refused it",
					"The message passed every check, but the next tool refused it after all retries. Once the tool is fixed, replay it.")),
			Map.entry(Rules.TARGET_PART, new Words("Missing part of the next tool's address",
					"The next tool's address is built from this value, and the message does not have it. Add it and replay.")),
			Map.entry("declined",
					new Words("Declined by an approver", "A person at a human gate declined this message.")),
			Map.entry("schema:required",
					new Words("Missing field", "A field the contract requires is not there. Add it.")),
			Map.entry("schema:dependencies",
					new Words("Missing field", "Another field here needs this one beside it. Add it.")),
			Map.entry("schema:enum", new Words("Value not allowed", "Only the listed values are allowed here.")),
			Map.entry("schema:const", new Words("Value not allowed", "Only one value is allowed here.")),
			Map.entry("schema:not", new Words("Value not allowed", "The contract rules this value out.")),
			Map.entry("schema:pattern",
					new Words("Wrong shape", "The value does not have the shape the contract asks for.")),
			Map.entry("schema:format", new Words("Wrong format",
					"The value is not a valid example of the expected format (a date, a web address, an email address, ...).")),
			Map.entry("schema:type",
					new Words("Wrong kind of value",
							"The value is of the wrong kind, for example text where a number belongs.")),
			Map.entry("schema:additionalProperties",
					new Words("Unexpected field", "The contract does not allow this field here. Remove it.")),
			Map.entry("schema:false",
					new Words("Unexpected field", "The contract does not allow this field here. Remove it.")),
			Map.entry("schema:minLength", new Words("Too short", "The value is shorter than the contract allows.")),
			Map.entry("schema:maxLength", new Words("Too long", "The value is longer than the contract allows.")),
			Map.entry("schema:minimum", new Words("Number too small", "The number is below what the contract allows.")),
			Map.entry("schema:exclusiveMinimum",
					new Words("Number too small", "The number is below what the contract allows.")),
			Map.entry("schema:maximum", new Words("Number too large", "The number is above what the contract allows.")),
			Map.entry("schema:exclusiveMaximum",
					new Words("Number too large", "The number is above what the contract allows.")),
			Map.entry("schema:multipleOf",
					new Words("Number not allowed", "The number is not one of the steps the contract allows.")),
			Map.entry("schema:minItems",
					new Words("Too few items", "The list has fewer items than the contract asks for.")),
			Map.entry("schema:maxItems",
					new Words("Too many items", "The list has more items than the contract allows.")),
			Map.entry("schema:additionalItems",
					new Words("Too many items", "The list has more items than the contract allows.")),
			Map.entry("schema:uniqueItems", new Words("Repeated item", "The list holds the same item twice.")),
			Map.entry("schema:contains", new Words("Missing item", "The list lacks an item the contract asks for.")),
			Map.entry("schema:minProperties",
					new Words("Too few fields",
							"This part of the message has fewer fields than the contract asks for.")),
			Map.entry("schema:maxProperties",
					new Words("Too many fields", "This part of the message has more fields than the contract allows.")),
			Map.entry("schema:anyOf",
					new Words("None of the allowed forms",
							"The value fits none of the forms the contract allows here.")),
			Map.entry("schema:oneOf", new Words("Not exactly one allowed form",
					"The value must fit exactly one of the forms the contract allows here.")));

	private RuleWords() {
	}

	static Words of(String rule) {
		Words words = WORDS.get(rule);
		if (words != null) {
			return words;
		}
		if (rule != null && rule.startsWith(Rules.SCHEMA_PREFIX)) {
			// the keyword's name means nothing to the person fixing the message; the
			// rule's code is in the details fold
			return new Words("Does not fit the contract", "The value does not fit what the contract allows here.");
		}
		return new Words(rule, "");
	}

}
