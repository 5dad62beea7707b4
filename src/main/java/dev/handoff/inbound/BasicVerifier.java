package dev.handoff.inbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.handoff.inbound.Refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code inbound=basic}: {@code Authorization: Basic base64(user:password)} with the
 * edge's user name and one of its passwords. With no password configured the password
 * must be empty: the user name is then the secret, as Segment's libraries send a source's
 * write key.
 */
final class BasicVerifier implements Verifier {

	private static final String SCHEME = "Basic ";

	private final List<byte[]> accepted;

	private final String challenge;

	BasicVerifier(String edge, String username, List<String> passwords) {
		this.accepted = Digests.of(passwords.isEmpty() ? List.of(username + ":")
				: passwords.stream().map(p -> username + ":" + p).toList());
		this.challenge = "Basic realm=\"" + edge + "\", charset=\"UTF-8\"";
	}

	@Override
	public Optional<Refusal> headers(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || authorization.isBlank()) {
			return Refusal.credential(Reason.missing,
					"this edge needs HTTP Basic credentials: 'Authorization: Basic <base64 of user:password>'",
					challenge);
		}
		byte[] pair = decode(authorization);
		if (pair == null) {
			return Refusal.credential(Reason.malformed,
					"the Authorization header is not HTTP Basic: send 'Basic <base64 of user:password>'", challenge);
		}
		if (!Digests.matchesAny(pair, accepted)) {
			return Refusal.credential(Reason.wrong, "the user name and password are not ones this edge accepts",
					challenge);
		}
		return Optional.empty();
	}

	/**
	 * The {@code user:password} bytes, or null when the header is not Basic or not base64
	 * of a pair.
	 */
	static byte[] decode(String authorization) {
		if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		try {
			byte[] pair = Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim());
			return new String(pair, StandardCharsets.UTF_8).indexOf(':') < 0 ? null : pair;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	/**
	 * The user of a Basic header, or null when the header is not Basic or not base64 of
	 * {@code user:password}.
	 */
	static String user(String authorization) {
		byte[] pair = decode(authorization);
		if (pair == null) {
			return null;
		}
		String text = new String(pair, StandardCharsets.UTF_8);
		return text.substring(0, text.indexOf(':'));
	}

}
