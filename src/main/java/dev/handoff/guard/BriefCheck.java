package dev.handoff.guard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.Contract;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthLookup;

/**
 * The truth rules for the source contract: a newer brief version becomes the truth; the
 * same version re-sent with the same content changes nothing; an older or equal version
 * with other content is stale. A new version its gate holds waits for a person before it
 * becomes the truth.
 */
final class BriefCheck {

	private final TruthLookup truth;

	BriefCheck(TruthLookup truth) {
		this.truth = truth;
	}

	Verdict check(Contract contract, byte[] received, JsonNode message, String campaign, Long version,
			List<Violation> violations) {
		if (campaign == null || version == null || !violations.isEmpty()) {
			return Verdict.rejected(contract, received, violations, campaign, version);
		}
		ObjectNode fields = Guard.truthFields(message, contract.spec().truth());
		String pointer = contract.spec().version().toString();
		JsonNode actual = JsonNodeFactory.instance.numberNode(version);
		Optional<Truth> current = truth.current(campaign);
		Truth next = null;
		if (current.isEmpty() || version > current.get().version()) {
			next = new Truth(campaign, version, fields, UUID.randomUUID().toString(), Instant.now());
		}
		else {
			Optional<Truth> same = version == current.get().version() ? current : truth.version(campaign, version);
			if (same.isPresent() && same.get().fields().equals(fields)) {
				// a retry of a brief already recorded: accepted, and the truth stays as
				// it is
				return new Verdict(contract, received, List.of(), received, List.of(), List.of(), campaign, version,
						null, null);
			}
			violations.add(version == current.get().version()
					? Violations.versionTaken(pointer, campaign, current.get().version(), actual)
					: Violations.olderBrief(pointer, campaign, current.get().version(), actual));
			return Verdict.rejected(contract, received, violations, campaign, version);
		}
		return new Verdict(contract, received, List.of(), received, List.of(), List.of(), campaign, version, next,
				GateCheck.holdsBrief(contract.spec().gate(), message, current, next));
	}

}
