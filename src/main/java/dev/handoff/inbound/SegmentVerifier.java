package dev.handoff.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.handoff.inbound.Refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code inbound=segment}: a Segment source's write key, one of the edge's
 * {@code tokens}, where Segment's libraries put it: as the HTTP Basic user with an empty
 * password (the HTTP Tracking API, analytics.js, most libraries), or as the batch's
 * top-level {@code writeKey} field (analytics-java, which sends no Authorization header).
 * A wrong Basic header is refused at once; without one, the body must carry the key.
 */
final class SegmentVerifier implements Verifier {

	private static final JsonFactory JSON = new JsonFactory();

	private final List<byte[]> keys;

	private final String challenge;

	SegmentVerifier(String edge, List<String> writeKeys) {
		this.keys = Digests.of(writeKeys);
		this.challenge = "Basic realm=\"" + edge + "\", charset=\"UTF-8\"";
	}

	@Override
	public Optional<Refusal> headers(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || authorization.isBlank()) {
			// analytics-java: the key is in the body, judged once it is read
			return Optional.empty();
		}
		String user = BasicVerifier.user(authorization);
		if (user == null) {
			return Refusal.credential(Reason.malformed,
					"the Authorization header is not HTTP Basic: send the write key as the user, "
							+ "'Basic <base64 of writeKey:>'",
					challenge);
		}
		if (!Digests.matchesAny(user.getBytes(StandardCharsets.UTF_8), keys)) {
			return Refusal.credential(Reason.wrong, "the write key is not one this edge accepts", challenge);
		}
		return Optional.empty();
	}

	@Override
	public Optional<Refusal> body(HttpServletRequest request, byte[] body) {
		String authorization = request.getHeader("Authorization");
		if (authorization != null && !authorization.isBlank()) {
			// proven by its header already
			return Optional.empty();
		}
		String key = writeKey(body);
		if (key == null) {
			return Refusal.credential(Reason.missing,
					"this edge needs a Segment write key: as the Basic user "
							+ "('Authorization: Basic <base64 of writeKey:>') or as the batch's writeKey field",
					challenge);
		}
		if (!Digests.matchesAny(key.getBytes(StandardCharsets.UTF_8), keys)) {
			return Refusal.credential(Reason.wrong, "the write key is not one this edge accepts", challenge);
		}
		return Optional.empty();
	}

	/**
	 * Only a Basic sender is known before the body is read: an oversized body without one
	 * keeps nothing.
	 */
	@Override
	public boolean needsBody() {
		return true;
	}

	/**
	 * The top-level {@code writeKey} string of a JSON object, read as a stream (nothing
	 * else is kept); null when absent.
	 */
	private static String writeKey(byte[] body) {
		try (JsonParser parser = JSON.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("writeKey".equals(name) && value == JsonToken.VALUE_STRING) {
					return parser.getText();
				}
				parser.skipChildren();
			}
			return null;
		}
		catch (IOException e) {
			return null;
		}
	}

}
