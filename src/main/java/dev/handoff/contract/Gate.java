package dev.handoff.contract;

import java.util.List;

import org.everit.json.schema.Schema;

/**
 * What stays human-gated on a contract ({@code x-handoff.gate}): a message the guard accepts is held for a
 * person with the approver role when it matches {@code condition}, or, on the source contract, when a new
 * brief version changes one of the {@code changed} truth fields.
 *
 * @param reason what the approver is asked to check; stored and shown with every message it holds
 * @param condition the JSON Schema ({@code "if"}) a held message matches, or null for a {@code changed} gate
 * @param changed the truth fields whose change must be approved, or empty for an {@code if} gate
 */
public record Gate(String reason, Schema condition, List<String> changed) {

	public Gate {
		changed = List.copyOf(changed);
	}
}
