package dev.handoff.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Every violation the guard reports is made here, so the wording stays consistent and
 * reviewable; the sentences of those a library words first (a schema keyword, a parse
 * error) come from {@link PlainWords}.
 */
public final class Violations {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private Violations() {
	}

	public static Violation notABatch(String items) {
		return new Violation(items, Rules.SCHEMA_PREFIX + "required",
				items.isEmpty() ? "a batch here is an array of events: [event, ...]"
						: "a batch has its events as an array at " + items
								+ (items.equals("/batch") ? ": {\"batch\": [event, ...]}" : ""),
				JSON.textNode("an array of events"), null,
				"the batch edge reads its events from " + (items.isEmpty() ? "the whole body" : items));
	}

	/**
	 * A batch with no event in it: nothing to take, which a sender should hear rather
	 * than a silent success.
	 */
	public static Violation emptyBatch(String items) {
		return new Violation(items, Rules.SCHEMA_PREFIX + "minItems", "the batch has no events: send at least one",
				JSON.textNode("at least 1 event"), JSON.textNode("0 events"),
				"the array at " + (items.isEmpty() ? "the top" : items) + " is empty");
	}

	/** A held message a person declined at its gate. */
	public static Violation declined(String reason, String actor, String comment) {
		return new Violation("", Rules.DECLINED,
				"held for \"" + reason + "\" and declined by " + actor + ": " + comment, null, null);
	}

	public static Violation tooLarge(long size, int limit) {
		return new Violation("", Rules.TOO_LARGE, "the message is " + size + " bytes; this edge takes at most " + limit,
				JSON.numberNode(limit), JSON.numberNode(size));
	}

	/**
	 * A message that lacks a value the next tool's address is built from: it could not be
	 * sent anywhere, so it is refused while the sender still hears of it.
	 * @param pointer where the value belongs
	 * @param actual what is there instead, or null when nothing is
	 */
	public static Violation missingTargetPart(String pointer, JsonNode actual) {
		return new Violation(pointer, Rules.TARGET_PART,
				"the next tool's address is built from " + pointer + ", which this message "
						+ (actual == null ? "does not have" : "has as " + kind(actual) + ", not a text or number")
						+ "; send it with a value there (the contract should require it)",
				JSON.textNode("a text or number"), actual == null ? JSON.textNode("nothing") : actual);
	}

	private static String kind(JsonNode value) {
		return value.isNull() ? "null" : value.isArray() ? "a list" : "an object";
	}

	/**
	 * A message that would go on larger than the next tool takes (Segment: 32 KB an
	 * event).
	 */
	public static Violation tooLargeForTool(long size, int limit) {
		return new Violation("", Rules.TOO_LARGE, "the message would go on as " + size
				+ " bytes; the next tool takes at most " + limit + " bytes a message", JSON.numberNode(limit),
				JSON.numberNode(size));
	}

	/**
	 * The parser's text is kept as the detail; the message says what is wrong with the
	 * message ({@link PlainWords#parse}).
	 */
	static Violation parse(String problem, String location) {
		return new Violation("", Rules.PARSE, PlainWords.parse(problem, location),
				JSON.textNode("one well-formed JSON document"), location == null ? null : JSON.textNode(location),
				problem == null ? "unreadable" : problem);
	}

	static Violation loneSurrogate(String pointer) {
		return new Violation(pointer, Rules.PARSE,
				"the text here holds a broken character: an escape such as \\ud800 without its pair",
				JSON.textNode("Unicode text"), null, "lone UTF-16 surrogate escape");
	}

	/**
	 * A failing JSON Schema keyword, worded by {@link PlainWords}; {@code detail} is the
	 * validator's own text.
	 */
	static Violation schema(String pointer, String keyword, String message, JsonNode expected, JsonNode actual,
			String detail) {
		return new Violation(pointer, Rules.SCHEMA_PREFIX + keyword, message, expected, actual, detail);
	}

	/**
	 * A value the {@code x-handoff} block needs that the message lacks, or holds in a
	 * form that cannot be read.
	 * @param what what the value is, e.g. "the campaign id"
	 * @param key the {@code x-handoff} key that points at it, for the engineer's detail
	 */
	static Violation neededByHandoff(String pointer, String field, String what, String key) {
		return schema(pointer, "required",
				field + " must hold " + what + ": Handoff checks the message against the campaign's brief with it",
				JSON.textNode("present"), null,
				"x-handoff." + key + " points at " + pointer + " and finds no value it can read there");
	}

	static Violation unknownCampaign(String pointer, String campaign) {
		return new Violation(pointer, Rules.UNKNOWN_CAMPAIGN,
				"campaign '" + campaign
						+ "' has no approved brief yet, so there is no truth to hold this message against",
				JSON.textNode("a campaign with an approved brief"), JSON.textNode(campaign));
	}

	static Violation staleVersion(String pointer, String campaign, long expected, JsonNode actual) {
		return new Violation(pointer, Rules.STALE_VERSION, "campaign '" + campaign + "' is at brief version " + expected
				+ "; this message was made from an older brief", JSON.numberNode(expected), actual);
	}

	static Violation versionTaken(String pointer, String campaign, long current, JsonNode actual) {
		return new Violation(pointer, Rules.STALE_VERSION,
				"brief version " + actual + " of campaign '" + campaign
						+ "' is already recorded with other content; a changed brief needs a new version",
				JSON.numberNode(current + 1), actual);
	}

	static Violation olderBrief(String pointer, String campaign, long current, JsonNode actual) {
		return new Violation(pointer, Rules.STALE_VERSION,
				"campaign '" + campaign + "' is at brief version " + current
						+ "; an older brief with other content cannot replace the truth",
				JSON.numberNode(current + 1), actual);
	}

	static Violation unknownVersion(String pointer, String campaign, long expected, JsonNode actual) {
		return new Violation(pointer, Rules.UNKNOWN_VERSION, "campaign '" + campaign + "' is at brief version "
				+ expected + "; this message names a version that was never approved", JSON.numberNode(expected),
				actual);
	}

	static Violation badVersion(String pointer, String field, JsonNode actual) {
		return schema(pointer, "type",
				field + " must be a whole number of 1 or more: it is the brief version the message was built from",
				JSON.textNode("integer >= 1"), actual,
				"x-handoff.version points at " + pointer + ", which holds " + actual);
	}

	/**
	 * @param label the field as the contract names it ({@link PlainWords#field})
	 */
	static Violation mustMatch(String pointer, String label, String field, JsonNode expected, JsonNode actual) {
		return new Violation(pointer, Rules.MUST_MATCH,
				label + " must be exactly the brief's " + field.replace('_', ' ')
						+ ", which never differs between tools",
				expected, actual, "x-handoff.mustMatch: " + pointer + " = truth field " + field);
	}

	/**
	 * @param label the field as the contract names it ({@link PlainWords#field})
	 */
	static Violation generatedMismatch(String pointer, String label, String generator, JsonNode expected,
			JsonNode actual) {
		return new Violation(pointer, Rules.GENERATED_MISMATCH, label
				+ " is made by Handoff from the brief and was typed differently: leave it out and Handoff fills it in",
				expected, actual, "x-handoff.generate: " + pointer + " = " + generator);
	}

	static Violation linkMissing(String pointer, String link, String parameter, String expected) {
		return new Violation(pointer, Rules.LINK_UTM, "link " + link + " is missing " + parameter,
				JSON.textNode(expected), null);
	}

	static Violation linkWrong(String pointer, String link, String parameter, String expected, String actual) {
		return new Violation(pointer, Rules.LINK_UTM,
				"link " + link + " has " + parameter + "=" + actual + " but this channel sends " + expected,
				JSON.textNode(expected), JSON.textNode(actual));
	}

}
