package dev.handoff.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.delivery.Targets;

/** Every violation the guard reports is made here, so the wording stays consistent and reviewable. */
public final class Violations {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private Violations() {
	}

	public static Violation notABatch(String items) {
		return new Violation(items, Rules.SCHEMA_PREFIX + "required", items.isEmpty() ? "a batch here is an array of events: [event, ...]"
				: "a batch has its events as an array at " + items + (items.equals("/batch") ? ": {\"batch\": [event, ...]}" : ""),
				JSON.textNode("an array of events"), null);
	}

	/** A batch with no event in it: nothing to take, which a sender should hear rather than a silent success. */
	public static Violation emptyBatch(String items) {
		return new Violation(items, Rules.SCHEMA_PREFIX + "minItems", "the batch has no events: send at least one",
				JSON.textNode("at least 1 event"), JSON.textNode("0 events"));
	}

	/** A held message a person declined at its gate. */
	public static Violation declined(String reason, String actor, String comment) {
		return new Violation("", Rules.DECLINED, "held for \"" + reason + "\" and declined by " + actor + ": " + comment, null, null);
	}

	public static Violation tooLarge(long size, int limit) {
		return new Violation("", Rules.TOO_LARGE, "the message is " + size + " bytes; this edge takes at most " + limit,
				JSON.numberNode(limit), JSON.numberNode(size));
	}

	/** A message that would go on larger than the next tool takes (Segment: 32 KB an event). */
	public static Violation tooLargeForTool(long size, int limit) {
		return new Violation("", Rules.TOO_LARGE, "the message would go on as " + size + " bytes; the next tool takes at most " + limit
				+ " bytes a message", JSON.numberNode(limit), JSON.numberNode(size));
	}

	static Violation parse(String problem, String location) {
		return new Violation("", Rules.PARSE, "the message is not one well-formed JSON document: " + problem,
				JSON.textNode("one well-formed JSON document"), location == null ? null : JSON.textNode(location));
	}

	static Violation loneSurrogate(String pointer) {
		return new Violation(pointer, Rules.PARSE, "the text here holds a lone surrogate escape (such as \\ud800), which is no character",
				JSON.textNode("Unicode text"), null);
	}

	static Violation schema(String pointer, String keyword, String message, JsonNode expected, JsonNode actual) {
		return new Violation(pointer, Rules.SCHEMA_PREFIX + keyword, message, expected, actual);
	}

	static Violation required(String pointer, String why) {
		return schema(pointer, "required", "a value is required here: " + why, JSON.textNode("present"), null);
	}

	static Violation unknownCampaign(String pointer, String campaign) {
		return new Violation(pointer, Rules.UNKNOWN_CAMPAIGN,
				"campaign '" + campaign + "' has no approved brief yet, so there is no truth to hold this message against",
				JSON.textNode("a campaign with an approved brief"), JSON.textNode(campaign));
	}

	static Violation staleVersion(String pointer, String campaign, long expected, JsonNode actual) {
		return new Violation(pointer, Rules.STALE_VERSION, "campaign '" + campaign + "' is at brief version " + expected
				+ "; this message was made from an older brief", JSON.numberNode(expected), actual);
	}

	static Violation versionTaken(String pointer, String campaign, long current, JsonNode actual) {
		return new Violation(pointer, Rules.STALE_VERSION, "brief version " + actual + " of campaign '" + campaign
				+ "' is already recorded with other content; a changed brief needs a new version", JSON.numberNode(current + 1), actual);
	}

	static Violation olderBrief(String pointer, String campaign, long current, JsonNode actual) {
		return new Violation(pointer, Rules.STALE_VERSION, "campaign '" + campaign + "' is at brief version " + current
				+ "; an older brief with other content cannot replace the truth", JSON.numberNode(current + 1), actual);
	}

	static Violation unknownVersion(String pointer, String campaign, long expected, JsonNode actual) {
		return new Violation(pointer, Rules.UNKNOWN_VERSION, "campaign '" + campaign + "' is at brief version " + expected
				+ "; this message names a version that was never approved", JSON.numberNode(expected), actual);
	}

	static Violation badVersion(String pointer, JsonNode actual) {
		return schema(pointer, "type", "the brief version must be a positive whole number", JSON.textNode("integer >= 1"), actual);
	}

	static Violation mustMatch(String pointer, String field, JsonNode expected, JsonNode actual) {
		return new Violation(pointer, Rules.MUST_MATCH,
				"must equal the brief's " + field + " and never vary between tools", expected, actual);
	}

	static Violation generatedMismatch(String pointer, String generator, JsonNode expected, JsonNode actual) {
		return new Violation(pointer, Rules.GENERATED_MISMATCH, "must be generated (" + generator
				+ ") from the brief, not typed; leave it out and Handoff fills it in", expected, actual);
	}

	static Violation linkMissing(String pointer, String link, String parameter, String expected) {
		return new Violation(pointer, Rules.LINK_UTM, "link " + link + " is missing " + parameter, JSON.textNode(expected), null);
	}

	static Violation linkWrong(String pointer, String link, String parameter, String expected, String actual) {
		return new Violation(pointer, Rules.LINK_UTM, "link " + link + " has " + parameter + "=" + actual + " but this channel sends "
				+ expected, JSON.textNode(expected), JSON.textNode(actual));
	}

	/**
	 * A message its tool never took. The tool is named by its host only: a target's user info, query and path (a Slack
	 * webhook's path is its secret) stay out of the queue; the outcome is the tool's answer with secrets already taken out.
	 */
	public static Violation delivery(String target, String outcome, int attempts) {
		return delivery(null, target, outcome, attempts);
	}

	/** The same, naming the edge as well. */
	public static Violation delivery(String edge, String target, String outcome, int attempts) {
		String tool = target.startsWith("http://") || target.startsWith("https://") ? "the tool at " + Targets.host(target)
				: "the tool behind " + Targets.display(target);
		return new Violation("", Rules.DELIVERY, (edge == null ? "" : edge + ": ") + tool + " refused the message after " + attempts
				+ " attempt(s)", JSON.textNode("a 2xx answer"), JSON.textNode(outcome));
	}
}
