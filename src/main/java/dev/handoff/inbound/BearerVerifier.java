package dev.handoff.inbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.handoff.inbound.Refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code inbound=bearer}: {@code Authorization: Bearer <token>} with one of the edge's
 * tokens (RFC 6750).
 */
final class BearerVerifier implements Verifier {

	private static final String SCHEME = "Bearer ";

	private final List<byte[]> tokens;

	private final String realm;

	BearerVerifier(String edge, List<String> tokens) {
		this.tokens = Digests.of(tokens);
		this.realm = "Bearer realm=\"" + edge + "\"";
	}

	@Override
	public Optional<Refusal> headers(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || authorization.isBlank()) {
			return Refusal.credential(Reason.missing, "this edge needs 'Authorization: Bearer <token>'", realm);
		}
		if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| authorization.substring(SCHEME.length()).isBlank()) {
			return Refusal.credential(Reason.malformed,
					"the Authorization header is not a bearer token: send 'Bearer <token>'",
					realm + ", error=\"invalid_request\"");
		}
		byte[] token = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
		if (!Digests.matchesAny(token, tokens)) {
			return Refusal.credential(Reason.wrong, "the bearer token is not one this edge accepts",
					realm + ", error=\"invalid_token\"");
		}
		return Optional.empty();
	}

}
