package dev.handoff.edge;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.guard.Violation;
import dev.handoff.guard.Violations;

/**
 * A {@code deliverTo} whose path names parts of the message, like
 * {@code .../wp/v2/pages/{/page_id}}: each {@code {/pointer}} is the value at that JSON
 * pointer of the accepted message, URL-encoded as a path segment.
 */
final class TargetTemplate {

	private static final Pattern PART = Pattern.compile("\\{(/[^}]*)}");

	private TargetTemplate() {
	}

	static boolean isTemplate(String deliverTo) {
		return PART.matcher(deliverTo).find();
	}

	/**
	 * The first part of the target this message cannot fill, as the violation that
	 * refuses it; empty when every part has a text or number.
	 */
	static Optional<Violation> unfilled(String deliverTo, byte[] message, ObjectMapper mapper) {
		JsonNode tree;
		try {
			tree = mapper.readTree(message);
		}
		catch (IOException e) {
			// the guard forwards JSON only; fill says so if it ever is not
			return Optional.empty();
		}
		Matcher parts = PART.matcher(deliverTo);
		while (parts.find()) {
			JsonNode value = tree.at(parts.group(1));
			if (!value.isValueNode() || value.isNull()) {
				return Optional.of(Violations.missingTargetPart(parts.group(1), value.isMissingNode() ? null : value));
			}
		}
		return Optional.empty();
	}

	/**
	 * The target for one message; a pointer the message lacks is an error naming it: the
	 * guard refuses such a message first ({@link #unfilled}).
	 */
	static String fill(String deliverTo, byte[] message, ObjectMapper mapper) {
		Matcher parts = PART.matcher(deliverTo);
		if (!parts.find()) {
			return deliverTo;
		}
		JsonNode tree;
		try {
			tree = mapper.readTree(message);
		}
		catch (IOException e) {
			throw new IllegalStateException(
					"the accepted message is not JSON, so deliverTo's " + parts.group() + " cannot be filled", e);
		}
		StringBuilder out = new StringBuilder();
		parts.reset();
		while (parts.find()) {
			JsonNode value = tree.at(parts.group(1));
			if (!value.isValueNode() || value.isNull()) {
				throw new IllegalStateException("deliverTo needs " + parts.group(1)
						+ " from the message, which has none; make the contract " + "require it");
			}
			parts.appendReplacement(out, Matcher
				.quoteReplacement(URLEncoder.encode(value.asText(), StandardCharsets.UTF_8).replace("+", "%20")));
		}
		parts.appendTail(out);
		return out.toString();
	}

}
