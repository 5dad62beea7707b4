package dev.handoff.review;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import com.github.fge.jsonpatch.diff.JsonDiff;
import dev.handoff.api.BadRequest;

/**
 * A person's fix of a reject before it is replayed: a whole corrected payload, or an RFC
 * 6902 JSON Patch applied to the payload as stored.
 *
 * @param patch true for a JSON Patch, false for a corrected payload
 * @param body the patch document or the payload, as sent
 */
public record Correction(boolean patch, byte[] body) {

	public static Correction payload(byte[] body) {
		return new Correction(false, body);
	}

	public static Correction jsonPatch(byte[] body) {
		return new Correction(true, body);
	}

	/**
	 * What is replayed; BadRequest when the patch cannot be read or applied.
	 */
	byte[] apply(byte[] stored, ObjectMapper mapper) {
		if (!patch) {
			return body;
		}
		JsonPatch operations;
		try {
			JsonNode document = mapper.readTree(body);
			// the library reads a JSON null as no patch at all, not as an error
			if (document == null || !document.isArray()) {
				throw new BadRequest(
						"the body is not an RFC 6902 JSON Patch: a JSON array of operations " + "was expected, "
								+ (document == null ? "nothing"
										: "a JSON " + document.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
								+ " was sent");
			}
			operations = JsonPatch.fromJson(document);
		}
		catch (IOException e) {
			throw new BadRequest(
					"the body is not an RFC 6902 JSON Patch (a JSON array of operations): " + e.getMessage());
		}
		JsonNode target;
		try {
			target = mapper.readTree(stored);
		}
		catch (IOException e) {
			throw new BadRequest(
					"the stored payload is not JSON, so a patch cannot apply to it; send the corrected payload as application/json");
		}
		try {
			return mapper.writeValueAsBytes(operations.apply(target));
		}
		catch (JsonPatchException e) {
			throw new BadRequest("the patch does not apply to the stored payload: " + e.getMessage());
		}
		catch (IOException e) {
			throw new IllegalStateException("a JSON tree always serialises", e);
		}
	}

	/**
	 * For the audit trail: the patch as sent, or the difference a corrected payload
	 * makes, as a patch when both are JSON.
	 */
	Object describe(byte[] stored, byte[] replayed, ObjectMapper mapper) {
		if (patch) {
			return readOrText(body, mapper);
		}
		try {
			return JsonDiff.asJson(mapper.readTree(stored), mapper.readTree(replayed));
		}
		catch (IOException | RuntimeException notJson) {
			return new String(replayed, java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	private static Object readOrText(byte[] bytes, ObjectMapper mapper) {
		try {
			return mapper.readTree(bytes);
		}
		catch (IOException e) {
			return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
		}
	}
}
