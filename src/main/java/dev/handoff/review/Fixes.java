package dev.handoff.review;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.guard.Guard;
import dev.handoff.guard.Rules;
import dev.handoff.guard.Violation;
import dev.handoff.reject.Reject;
import org.springframework.stereotype.Component;

/**
 * The obvious fixes of a reject's violations, each a JSON Patch made here and nowhere
 * else. A rule has one when a single right value is known: must-match (the brief's
 * value), generated-mismatch (none: Handoff generates it) and link-utm (the links tagged
 * by the same code the rewrite mode uses). stale-version has none on purpose: the version
 * says which brief the sender built the message from, and only a person can say that the
 * rest of it (copy, dates, offer) fits the newer one; raising the number would only hide
 * that question.
 */
@Component
public class Fixes {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final ContractRegistry contracts;

	private final Guard guard;

	private final ObjectMapper mapper;

	Fixes(ContractRegistry contracts, Guard guard, ObjectMapper mapper) {
		this.contracts = contracts;
		this.guard = guard;
		this.mapper = mapper;
	}

	/**
	 * The fixes of an open reject. None for a reject whose route mapped what the tool
	 * sent: its violations point into the mapped message, and a patch applies to the
	 * bytes as received.
	 */
	public List<Fix> of(Reject reject) {
		if (reject.status() != Reject.Status.OPEN || reject.mapped() != null) {
			return List.of();
		}
		JsonNode message;
		try {
			message = mapper.readTree(reject.payload());
		}
		catch (IOException e) {
			return List.of();
		}
		if (message == null) {
			return List.of();
		}
		Function<String, String> tagged = pointer -> contracts.find(reject.contract())
			.map(contract -> guard.tagged(contract, contracts.current().taxonomy(), reject.payload(), pointer))
			.orElse(null);
		return of(reject.violations(), message, tagged);
	}

	/**
	 * The reject's payload after the fix; BadRequest when it no longer applies.
	 */
	public byte[] apply(Reject reject, Fix fix) {
		return Correction.jsonPatch(bytes(fix.patch())).apply(reject.payload(), mapper);
	}

	/** The fix's patch as the API and a replay take it. */
	public byte[] bytes(ArrayNode patch) {
		try {
			return mapper.writeValueAsBytes(patch);
		}
		catch (IOException e) {
			throw new IllegalStateException("a JSON tree always serialises", e);
		}
	}

	/**
	 * The fixes of these violations of this message, in the violations' order; several
	 * link-utm violations of one field are one fix. A fix whose patch does not apply to
	 * the message (a parent missing, a field not there) is left out.
	 * @param tagged the text of a link field with its owned links tagged, or null when
	 * that cannot be known
	 */
	static List<Fix> of(List<Violation> violations, JsonNode message, Function<String, String> tagged) {
		Map<String, Draft> drafts = new LinkedHashMap<>();
		for (int i = 0; i < violations.size(); i++) {
			Violation v = violations.get(i);
			String key = v.rule() + " " + v.pointer();
			Draft known = drafts.get(key);
			if (known != null) {
				known.violations().add(i + 1);
				continue;
			}
			Draft draft = draft(v, message, tagged);
			if (draft != null) {
				draft.violations().add(i + 1);
				drafts.put(key, draft);
			}
		}
		List<Fix> fixes = new ArrayList<>();
		for (Draft d : drafts.values()) {
			if (applies(d.patch(), message)) {
				fixes.add(new Fix(fixes.size() + 1, d.kind(), d.pointer(), d.label(), List.copyOf(d.violations()),
						d.patch()));
			}
		}
		return List.copyOf(fixes);
	}

	private record Draft(Fix.Kind kind, String pointer, String label, List<Integer> violations, ArrayNode patch) {
	}

	private static Draft draft(Violation v, JsonNode message, Function<String, String> tagged) {
		if (v.pointer().isEmpty()) {
			return null; // the whole message: nothing one value could fix
		}
		JsonNode actual = message.at(v.pointer());
		ArrayNode patch = JSON.arrayNode();
		if (!actual.isMissingNode()) {
			patch.add(op("test", v.pointer()).set("value", actual));
		}
		switch (v.rule()) {
			case Rules.MUST_MATCH -> {
				if (v.expected() == null || v.expected().isNull()) {
					return null; // the brief has no value for it: nothing to copy
				}
				patch.add(op(actual.isMissingNode() ? "add" : "replace", v.pointer()).set("value", v.expected()));
				return new Draft(Fix.Kind.USE_EXPECTED, v.pointer(), "Use the brief's " + name(v.pointer()),
						new ArrayList<>(), patch);
			}
			case Rules.GENERATED_MISMATCH -> {
				if (actual.isMissingNode()) {
					return null;
				}
				patch.add(op("remove", v.pointer()));
				return new Draft(Fix.Kind.LEAVE_OUT, v.pointer(), "Leave it out: Handoff fills it in",
						new ArrayList<>(), patch);
			}
			case Rules.LINK_UTM -> {
				String text = actual.isTextual() ? tagged.apply(v.pointer()) : null;
				if (text == null || text.equals(actual.textValue())) {
					return null; // no campaign truth to tag with, or nothing the tagging
									// would change
				}
				patch.add(op("replace", v.pointer()).put("value", text));
				return new Draft(Fix.Kind.TAG_LINKS, v.pointer(), "Add this channel's UTM values to the links",
						new ArrayList<>(), patch);
			}
			default -> {
				return null; // no single right value is known: the person edits the
								// message
			}
		}
	}

	private static ObjectNode op(String op, String path) {
		return JSON.objectNode().put("op", op).put("path", path);
	}

	/**
	 * The field as a button names it: the last step of its path, in words ("landing_url"
	 * → "landing url").
	 */
	private static String name(String pointer) {
		String last = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
		return last.replace('_', ' ');
	}

	private static boolean applies(ArrayNode patch, JsonNode message) {
		try {
			JsonPatch.fromJson(patch).apply(message);
			return true;
		}
		catch (IOException | JsonPatchException e) {
			return false;
		}
	}

}
