package dev.handoff.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One way a message breaks its contract.
 *
 * @param pointer RFC 6901 pointer into the message ("" for the whole message)
 * @param rule {@code parse}, {@code too-large}, {@code schema:<keyword>}, {@code must-match},
 * {@code generated-mismatch}, {@code stale-version}, {@code unknown-version}, {@code unknown-campaign},
 * {@code link-utm}, {@code delivery} or {@code declined}
 * @param message one sentence for the person who fixes it
 * @param expected what the contract or the truth wants, when there is one value to name
 * @param actual what the message holds there (null when missing)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Violation(String pointer, String rule, String message, JsonNode expected, JsonNode actual) {
}
