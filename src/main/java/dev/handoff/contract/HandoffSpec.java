package dev.handoff.contract;

import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * The {@code x-handoff} block of a contract: how a message relates to the campaign truth.
 *
 * @param source true for the contract that establishes the truth (the brief)
 * @param channel the taxonomy channel whose UTM values apply (edge contracts)
 * @param campaign where the campaign id is in the message
 * @param version where the brief version is, or null when the edge carries none
 * @param truth truth field name to its pointer (source contract only)
 * @param mustMatch pointer to the truth field whose value it must equal
 * @param generate pointer to the generator that fills it
 * @param onConflict what a typed value that differs from the generated one means
 * @param links pointer of an HTML or URL field to how its links are checked
 * @param gate what a person must approve before it goes on, or null when nothing is gated
 */
public record HandoffSpec(boolean source, String channel, JsonPointer campaign, JsonPointer version,
		Map<String, JsonPointer> truth, Map<JsonPointer, String> mustMatch, Map<JsonPointer, String> generate,
		OnConflict onConflict, Map<JsonPointer, LinkMode> links, Gate gate) {
}
