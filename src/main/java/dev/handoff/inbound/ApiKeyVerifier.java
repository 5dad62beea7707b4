package dev.handoff.inbound;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.handoff.inbound.Refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code inbound=api-key}: one of the edge's keys, alone in the header the edge names (no
 * HTTP scheme, so no challenge).
 */
final class ApiKeyVerifier implements Verifier {

	private final String header;

	private final List<byte[]> keys;

	ApiKeyVerifier(String header, List<String> keys) {
		this.header = header;
		this.keys = Digests.of(keys);
	}

	@Override
	public Optional<Refusal> headers(HttpServletRequest request) {
		String key = request.getHeader(header);
		if (key == null || key.isBlank()) {
			return Refusal.credential(Reason.missing, "this edge needs its key in the " + header + " header", null);
		}
		if (!Digests.matchesAny(key.trim().getBytes(StandardCharsets.UTF_8), keys)) {
			return Refusal.credential(Reason.wrong, "the key in the " + header + " header is not one this edge accepts",
					null);
		}
		return Optional.empty();
	}

}
