package dev.handoff.guard;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.contract.Gate;
import dev.handoff.json.OrgJson;
import dev.handoff.truth.Truth;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;

/**
 * Decides whether a message the guard accepted waits for a person: its contract's gate
 * names the reason when the message matches the gate's condition, or, for a new brief
 * version, when it changes a gated truth field. A first version of a campaign changes
 * nothing, so a {@code changed} gate never holds it.
 */
final class GateCheck {

	private GateCheck() {
	}

	/**
	 * The gate's reason when it holds the message as it would go on (generated values
	 * applied); else null.
	 */
	static String holds(Gate gate, JsonNode message) {
		return gate != null && gate.condition() != null && matches(gate, message) ? gate.reason() : null;
	}

	/**
	 * The gate's reason when it holds a brief that would become the truth {@code next};
	 * else null.
	 */
	static String holdsBrief(Gate gate, JsonNode message, Optional<Truth> current, Truth next) {
		if (gate == null || next == null) {
			return null;
		}
		if (gate.condition() != null) {
			return holds(gate, message);
		}
		boolean changes = current.isPresent() && gate.changed()
			.stream()
			.anyMatch(field -> !Objects.equals(current.get().field(field), next.field(field)));
		return changes ? gate.reason() : null;
	}

	private static boolean matches(Gate gate, JsonNode message) {
		if (surelyFails(gate.condition(), message)) {
			return false;
		}
		try {
			gate.condition().validate(OrgJson.from(message));
			return true;
		}
		catch (ValidationException e) {
			return false;
		}
	}

	/**
	 * True when the condition cannot match: it is an object schema and the message lacks
	 * one of its required properties, here or in a property below. Most messages are not
	 * held, and Everit answers "no" with an exception and its stack trace after
	 * converting the whole message to org.json again; this answers the common case from
	 * the tree. False means "ask Everit", never "matches".
	 */
	static boolean surelyFails(Schema condition, JsonNode node) {
		if (!(condition instanceof ObjectSchema object) || !node.isObject()) {
			return false;
		}
		for (String required : object.getRequiredProperties()) {
			if (!node.has(required)) {
				return true;
			}
		}
		for (Map.Entry<String, Schema> property : object.getPropertySchemas().entrySet()) {
			JsonNode value = node.get(property.getKey());
			if (value != null && surelyFails(property.getValue(), value)) {
				return true;
			}
		}
		return false;
	}

}
