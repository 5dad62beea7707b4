package dev.handoff.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.json.StrictJson;

/**
 * One example message beside the contracts
 * ({@code contracts/examples/<edge>/<file>.json}): {@code {"description", "expect":
 * {"outcome": ...}, "message": {...}}} (outcome {@code accepted}, {@code held} with an
 * optional {@code "reason"}, or {@code rejected} with its {@code "rules"}), or
 * {@code "raw": "text"} for bodies that are not JSON, with an optional
 * {@code "padTo": bytes} to make a message too large.
 *
 * @param edge the edge it is sent to (its folder)
 * @param file its file name
 * @param spec the whole file
 */
public record Example(String edge, String file, JsonNode spec) {

	private static final ObjectMapper COMPACT = new ObjectMapper();

	public static Example read(Path path) throws IOException {
		JsonNode spec = StrictJson.forFiles().read(java.nio.file.Files.readAllBytes(path));
		return new Example(path.getParent().getFileName().toString(), path.getFileName().toString(), spec);
	}

	/**
	 * What the example says is wrong with its own file, or null when it is well formed.
	 */
	public String problem() {
		if (!spec.path("description").isTextual()) {
			return "needs a \"description\" saying what the example shows";
		}
		String outcome = spec.path("expect").path("outcome").asText("");
		if (!outcome.equals("accepted") && !outcome.equals("held") && !outcome.equals("rejected")) {
			return "\"expect\": {\"outcome\": ...} must be \"accepted\", \"held\" (a gate holds it for approval) or \"rejected\"";
		}
		if (outcome.equals("rejected")
				&& (!spec.path("expect").path("rules").isArray() || spec.path("expect").path("rules").isEmpty())) {
			return "a rejected example lists the rules it breaks: \"expect\": {\"outcome\": \"rejected\", \"rules\": [...]}";
		}
		if (spec.has("message") == spec.has("raw")) {
			return "needs exactly one of \"message\" (a JSON message) or \"raw\" (a body sent as it is)";
		}
		return null;
	}

	public JsonNode expect() {
		return spec.get("expect");
	}

	public String name() {
		return edge + "/" + file;
	}

	/** The bytes to send. */
	public byte[] body() {
		byte[] body;
		try {
			body = spec.has("raw") ? spec.get("raw").asText().getBytes(StandardCharsets.UTF_8)
					: COMPACT.writeValueAsBytes(spec.get("message"));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("a parsed tree always serialises", e);
		}
		int padTo = spec.path("padTo").asInt(0);
		if (padTo <= body.length) {
			return body;
		}
		// trailing spaces keep it one valid JSON document, only larger
		byte[] padded = Arrays.copyOf(body, padTo);
		Arrays.fill(padded, body.length, padTo, (byte) ' ');
		return padded;
	}
}
