package dev.handoff.guard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.Contract;
import dev.handoff.contract.HandoffSpec;
import dev.handoff.contract.Taxonomy;
import dev.handoff.json.StrictJson;
import dev.handoff.json.Surrogates;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthLookup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Holds one message against its contract, in a fixed order: size, strict parse, schema,
 * campaign and version against the truth, mustMatch, generate, links, then the gate.
 * Every violation is collected; nothing is stored or sent here, so the same guard serves
 * HTTP edges, Kafka edges, replays and the CLI.
 */
@Component
public class Guard {

	private final GuardProperties limits;

	private final StrictJson json;

	private final SchemaCheck schema;

	private final TruthLookup truth;

	private final UtmCache utmValues = new UtmCache();

	private final boolean splice;

	@Autowired
	public Guard(GuardProperties limits, TruthLookup truth) {
		this(limits, truth, true);
	}

	/**
	 * @param splice whether a changed message is spliced into the received bytes; false
	 * writes the whole tree again, as the guard did before splicing, which the tests hold
	 * the splice to
	 */
	Guard(GuardProperties limits, TruthLookup truth, boolean splice) {
		this.limits = limits;
		this.json = new StrictJson(limits.maxDepth(), limits.maxNumberLength(), limits.maxBytes());
		this.schema = new SchemaCheck(json.mapper());
		this.truth = truth;
		this.splice = splice;
	}

	public Verdict check(Contract contract, Taxonomy taxonomy, byte[] received) {
		if (received.length > limits.maxBytes()) {
			return Verdict.rejected(contract, received,
					List.of(Violations.tooLarge(received.length, limits.maxBytes())), null, null);
		}
		JsonNode message;
		try {
			message = json.read(received);
		}
		catch (JacksonException e) {
			JsonLocation at = e.getLocation();
			String location = at == null ? null : "line " + at.getLineNr() + ", column " + at.getColumnNr();
			return Verdict.rejected(contract, received, List.of(Violations.parse(e.getOriginalMessage(), location)),
					null, null);
		}
		catch (IOException e) {
			return Verdict.rejected(contract, received, List.of(Violations.parse(e.getMessage(), null)), null, null);
		}
		String unpaired = Surrogates.firstUnpaired(message);
		if (unpaired != null) {
			return Verdict.rejected(contract, received, List.of(Violations.loneSurrogate(unpaired)), null, null);
		}
		List<Violation> violations = new ArrayList<>(schema.check(contract.schema(), message));
		HandoffSpec spec = contract.spec();
		String campaign = campaign(contract, message, spec.campaign(), violations);
		Long version = spec.version() == null ? null : version(contract, message, spec.version(), violations);
		if (spec.source()) {
			return new BriefCheck(truth).check(contract, received, message, campaign, version, violations);
		}
		if (campaign == null) {
			return Verdict.rejected(contract, received, violations, null, version);
		}
		Optional<Truth> current = truth.current(campaign);
		if (current.isEmpty()) {
			violations.add(Violations.unknownCampaign(spec.campaign().toString(), campaign));
			return Verdict.rejected(contract, received, violations, campaign, version);
		}
		UtmValues utm = utmValues.of(current.get(), taxonomy, spec.channel());
		EdgeCheck edge = new EdgeCheck(contract, taxonomy, current.get(), utm, message, violations);
		edge.checkVersion(version);
		edge.checkMustMatch();
		edge.generate();
		edge.checkLinks();
		if (!violations.isEmpty()) {
			return Verdict.rejected(contract, received, violations, campaign, version);
		}
		List<String> generated = edge.generated();
		List<String> rewritten = edge.rewritten();
		byte[] forwarded = generated.isEmpty() && rewritten.isEmpty() ? received
				: forwarded(received, message, generated, rewritten);
		return new Verdict(contract, received, List.of(), forwarded, generated, rewritten, campaign, version, null,
				GateCheck.holds(spec.gate(), message));
	}

	/**
	 * The text of the link field at {@code pointer} with every owned link carrying the
	 * channel's UTM values: what a person is offered to fix its link-utm violations. Null
	 * when the message, its campaign's truth or the field cannot be read, or the contract
	 * does not hold links there: then there is no one right text to offer.
	 */
	public String tagged(Contract contract, Taxonomy taxonomy, byte[] received, String pointer) {
		JsonNode message;
		try {
			message = json.read(received);
		}
		catch (IOException e) {
			return null;
		}
		HandoffSpec spec = contract.spec();
		JsonPointer at = JsonPointer.compile(pointer);
		JsonNode field = message.at(at);
		JsonNode campaign = spec.campaign() == null ? null : message.at(spec.campaign());
		if (!spec.links().containsKey(at) || !field.isTextual() || campaign == null
				|| !(campaign.isTextual() || campaign.isIntegralNumber())) {
			return null;
		}
		return truth.current(campaign.asText())
			.map(current -> LinkCheck.tagged(pointer, field.textValue(),
					utmValues.of(current, taxonomy, spec.channel()), taxonomy))
			.orElse(null);
	}

	private String campaign(Contract contract, JsonNode message, JsonPointer pointer, List<Violation> violations) {
		JsonNode value = message.at(pointer);
		if (value.isTextual() || value.isIntegralNumber()) {
			return value.asText();
		}
		if (!hasViolationAt(violations, pointer)) {
			violations.add(Violations.neededByHandoff(pointer.toString(), field(contract, pointer), "the campaign id",
					"campaign"));
		}
		return null;
	}

	private Long version(Contract contract, JsonNode message, JsonPointer pointer, List<Violation> violations) {
		JsonNode value = message.at(pointer);
		if (value.canConvertToExactIntegral() && value.asLong() >= 1) {
			return value.asLong();
		}
		if (!hasViolationAt(violations, pointer)) {
			violations
				.add(value.isMissingNode()
						? Violations.neededByHandoff(pointer.toString(), field(contract, pointer), "the brief version",
								"version")
						: Violations.badVersion(pointer.toString(), field(contract, pointer), value));
		}
		return null;
	}

	/**
	 * A field as a violation names it: by the contract's title for it, else by its path.
	 */
	private static String field(Contract contract, JsonPointer pointer) {
		return PlainWords.field(contract.schema(), pointer.toString());
	}

	static boolean hasViolationAt(List<Violation> violations, JsonPointer pointer) {
		return violations.stream().anyMatch(v -> v.pointer().equals(pointer.toString()));
	}

	/**
	 * The changed message as Jackson writes it: spliced into the received bytes where
	 * they are already written that way, which saves writing the whole message again.
	 */
	private byte[] forwarded(byte[] received, JsonNode message, List<String> generated, List<String> rewritten) {
		if (splice) {
			List<String> changed = new ArrayList<>(generated.size() + rewritten.size());
			changed.addAll(generated);
			changed.addAll(rewritten);
			byte[] spliced = Splice.of(received, message, changed, json.mapper());
			if (spliced != null) {
				return spliced;
			}
		}
		return write(message);
	}

	private byte[] write(JsonNode message) {
		try {
			return json.mapper().writeValueAsBytes(message);
		}
		catch (IOException e) {
			throw new IllegalStateException("a parsed tree always serialises", e);
		}
	}

	/**
	 * The truth fields a brief declares, read from the message by the source contract's
	 * pointers.
	 */
	static ObjectNode truthFields(JsonNode message, Map<String, JsonPointer> pointers) {
		ObjectNode fields = JsonNodeFactory.instance.objectNode();
		pointers.forEach((field, pointer) -> {
			JsonNode value = message.at(pointer);
			if (!value.isMissingNode()) {
				fields.set(field, value);
			}
		});
		return fields;
	}

}
