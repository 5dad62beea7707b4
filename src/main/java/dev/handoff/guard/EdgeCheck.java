package dev.handoff.guard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.contract.Contract;
import dev.handoff.contract.Generators;
import dev.handoff.contract.HandoffSpec;
import dev.handoff.contract.OnConflict;
import dev.handoff.contract.Taxonomy;
import dev.handoff.truth.Truth;
import org.everit.json.schema.Schema;

/**
 * The truth rules for one message on an edge: version, values that must never vary,
 * values that are generated, and UTM parameters on owned links. Generated values and
 * rewritten links change the message tree in place; the caller decides whether to forward
 * it.
 */
final class EdgeCheck {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final HandoffSpec spec;

	private final Schema schema;

	private final Taxonomy taxonomy;

	private final Truth truth;

	private final JsonNode message;

	private final List<Violation> violations;

	private final UtmValues utm;

	private final List<String> generated = new ArrayList<>();

	private final List<String> rewritten = new ArrayList<>();

	EdgeCheck(Contract contract, Taxonomy taxonomy, Truth truth, UtmValues utm, JsonNode message,
			List<Violation> violations) {
		this.spec = contract.spec();
		this.schema = contract.schema();
		this.taxonomy = taxonomy;
		this.truth = truth;
		this.message = message;
		this.violations = violations;
		this.utm = utm;
	}

	void checkVersion(Long version) {
		if (spec.version() == null || version == null || version == truth.version()) {
			return;
		}
		String pointer = spec.version().toString();
		violations.add(version < truth.version()
				? Violations.staleVersion(pointer, truth.campaign(), truth.version(), JSON.numberNode(version))
				: Violations.unknownVersion(pointer, truth.campaign(), truth.version(), JSON.numberNode(version)));
	}

	void checkMustMatch() {
		spec.mustMatch().forEach((pointer, field) -> {
			JsonNode expected = truth.field(field);
			JsonNode actual = message.at(pointer);
			if (actual.isMissingNode() && Guard.hasViolationAt(violations, pointer)) {
				return;
			}
			if (!same(expected, actual)) {
				violations.add(Violations.mustMatch(pointer.toString(), PlainWords.field(schema, pointer.toString()),
						field, expected, actual.isMissingNode() ? null : actual));
			}
		});
	}

	void generate() {
		spec.generate().forEach((pointer, generator) -> {
			JsonNode value = value(generator);
			JsonNode actual = message.at(pointer);
			if (actual.isMissingNode() || actual.isNull()) {
				if (set(pointer, value)) {
					generated.add(pointer.toString());
				}
			}
			else if (!same(value, actual)) {
				if (spec.onConflict() == OnConflict.OVERWRITE && set(pointer, value)) {
					generated.add(pointer.toString());
				}
				else {
					violations.add(Violations.generatedMismatch(pointer.toString(),
							PlainWords.field(schema, pointer.toString()), generator, value, actual));
				}
			}
		});
	}

	void checkLinks() {
		spec.links().forEach((pointer, mode) -> {
			JsonNode field = message.at(pointer);
			if (!field.isTextual()) {
				return;
			}
			LinkCheck.Outcome outcome = LinkCheck.check(pointer.toString(), field.textValue(), mode, utm, taxonomy);
			violations.addAll(outcome.violations());
			if (!outcome.text().equals(field.textValue()) && set(pointer, TextNode.valueOf(outcome.text()))) {
				rewritten.add(pointer.toString());
			}
		});
	}

	List<String> generated() {
		return List.copyOf(generated);
	}

	List<String> rewritten() {
		return List.copyOf(rewritten);
	}

	private JsonNode value(String generator) {
		return switch (generator) {
			case Generators.UTM_CAMPAIGN -> JSON.textNode(utm.campaign());
			case Generators.UTM_SOURCE -> JSON.textNode(utm.source());
			case Generators.UTM_MEDIUM -> JSON.textNode(utm.medium());
			case Generators.TRACKED_URL -> JSON.textNode(trackedUrl());
			default -> truth.field(generator.substring(Generators.TRUTH_PREFIX.length()));
		};
	}

	private String trackedUrl() {
		StringBuilder parameters = new StringBuilder();
		utm.parameters()
			.forEach((name, value) -> parameters.append(parameters.isEmpty() ? "" : "&")
				.append(name)
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return LinkCheck.insertQuery(truth.text().getOrDefault("landing_url", ""), parameters.toString(), false);
	}

	/**
	 * Sets a value, creating missing parent objects; false when a parent is not an
	 * object.
	 */
	private boolean set(JsonPointer pointer, JsonNode value) {
		JsonNode parent = message;
		JsonPointer head = pointer.head();
		for (JsonPointer p = head; p != null && !p.matches(); p = p.tail()) {
			String name = p.getMatchingProperty();
			if (!(parent instanceof ObjectNode object)) {
				return false;
			}
			JsonNode child = object.get(name);
			if (child == null || child.isNull()) {
				child = object.putObject(name);
			}
			parent = child;
		}
		if (!(parent instanceof ObjectNode object)) {
			return false;
		}
		object.set(pointer.last().getMatchingProperty(), value);
		return true;
	}

	static boolean same(JsonNode expected, JsonNode actual) {
		if (expected == null || actual == null || actual.isMissingNode()) {
			return expected == null && (actual == null || actual.isMissingNode());
		}
		return expected.equals(actual)
				|| (expected.isValueNode() && actual.isValueNode() && expected.asText().equals(actual.asText()));
	}

}
