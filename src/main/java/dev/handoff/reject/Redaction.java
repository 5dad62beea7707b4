package dev.handoff.reject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.handoff.access.Caller;
import dev.handoff.access.Role;
import dev.handoff.guard.Violation;

/**
 * What a reader may see of a stored message, decided here once for every answer that
 * shows one (a reject, a held message): an operator sees it as received, exact bytes
 * included; a viewer sees personal data masked ({@link PersonalData}), never the exact
 * bytes, and no audit detail, since an edit's patch or diff and new violations can carry
 * the very values a viewer must not see.
 *
 * @param masked true for a reader below operator
 */
public record Redaction(boolean masked, PersonalData personal) {

	public static Redaction of(Caller caller, PersonalData personal) {
		return new Redaction(masks(caller), personal);
	}

	/**
	 * Whether what this reader sees of a message is masked: the one rule the API, the
	 * screens and the report follow.
	 */
	public static boolean masks(Caller caller) {
		return !caller.may(Role.OPERATOR);
	}

	/** The bytes as text, masked for a viewer; null for null. */
	public String text(byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		return masked ? personal.mask(bytes) : new String(bytes, StandardCharsets.UTF_8);
	}

	/**
	 * The exact bytes, whatever they are, as base64: for an operator only; null for a
	 * viewer.
	 */
	public String exact(byte[] bytes) {
		return masked || bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
	}

	public List<Violation> violations(List<Violation> violations) {
		return masked ? personal.mask(violations) : violations;
	}

	/**
	 * An audit row's detail: as written for an operator, only that it is hidden for a
	 * viewer.
	 */
	public Map<String, Object> auditDetail(Map<String, Object> detail) {
		return masked ? Map.of("masked", true) : detail;
	}

}
