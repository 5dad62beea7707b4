package dev.handoff.guard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One way a message breaks its contract.
 *
 * @param pointer RFC 6901 pointer into the message ("" for the whole message)
 * @param rule {@code parse}, {@code too-large}, {@code schema:<keyword>},
 * {@code must-match}, {@code generated-mismatch}, {@code stale-version},
 * {@code unknown-version}, {@code unknown-campaign}, {@code link-utm}, {@code delivery}
 * or {@code declined}
 * @param message a sentence for the person who fixes it, about the field and never in the
 * validator's words
 * @param expected what the contract or the truth wants, when there is one value to name
 * @param actual what the message holds there (null when missing)
 * @param detail for engineers: the validator's own text for a {@code schema:} rule (or
 * what in the contract asked for the value); null for the other rules, whose message says
 * it all
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Violation(String pointer, String rule, String message, JsonNode expected, JsonNode actual,
		@Schema(nullable = true) String detail) {

	/** A violation whose message needs no engineer's detail beside it. */
	public Violation(String pointer, String rule, String message, JsonNode expected, JsonNode actual) {
		this(pointer, rule, message, expected, actual, null);
	}

	/**
	 * Reads a violation as stored or answered. Every {@code schema:} and {@code parse}
	 * violation made since plain wording came has a detail; one without was stored
	 * before, with the validator's (or parser's) text as its message. That text becomes
	 * its detail and the message is worded again from what was stored, so old rejects
	 * read like new ones wherever they are shown, with no migration of the stored rows.
	 */
	@JsonCreator
	static Violation read(@JsonProperty("pointer") String pointer, @JsonProperty("rule") String rule,
			@JsonProperty("message") String message, @JsonProperty("expected") JsonNode expected,
			@JsonProperty("actual") JsonNode actual, @JsonProperty("detail") String detail) {
		Violation stored = new Violation(pointer, rule, message, expected, actual, detail);
		return StoredViolations.old(rule, detail) ? StoredViolations.reworded(stored) : stored;
	}
}
