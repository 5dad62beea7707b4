package dev.handoff.reject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import dev.handoff.api.BadRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What went wrong, once for all the rejects it caused: the edge, the rule and the pointer
 * they share, with how many there are, when it was first and last seen, one example, and
 * the triage state a person gave it.
 *
 * @param id a stable id made of the key, usable in URLs
 * @param key edge, rule, pointer
 * @param count rejects in all
 * @param open rejects still open
 * @param firstSeen the first one's arrival
 * @param lastSeen the last one's arrival
 * @param example the id of the latest reject
 * @param message the latest reject's message for this violation
 * @param state {@code open}, {@code acknowledged}, {@code resolved} or {@code ignored}
 * @param stateChangedBy who set the state (or {@code handoff} when it resolved itself);
 * null when never set
 * @param stateChangedAt when
 */
public record Cause(String id, Key key, long count, long open, Instant firstSeen, Instant lastSeen, String example,
		String message, String state, @Schema(nullable = true) String stateChangedBy,
		@Schema(nullable = true) Instant stateChangedAt) {

	public static final String OPEN = "open";

	public static final String ACKNOWLEDGED = "acknowledged";

	public static final String RESOLVED = "resolved";

	public static final String IGNORED = "ignored";

	/** The states a person may set. */
	public static boolean settable(String state) {
		return ACKNOWLEDGED.equals(state) || RESOLVED.equals(state) || IGNORED.equals(state) || OPEN.equals(state);
	}

	/** What identifies a cause. */
	public record Key(String edge, String rule, String pointer) {

		// edge names and rules never hold a NUL; the pointer comes last so it may hold
		// anything
		private static final char SEPARATOR = '\0';

		public String id() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((edge + SEPARATOR + rule + SEPARATOR + pointer).getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * The key an id stands for; BadRequest for an id that is not one.
		 */
		public static Key parse(String id) {
			String text;
			try {
				text = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException e) {
				throw new BadRequest("'" + id + "' is not a cause id (see GET /api/causes)");
			}
			String[] parts = text.split(String.valueOf(SEPARATOR), 3);
			if (parts.length != 3) {
				throw new BadRequest("'" + id + "' is not a cause id (see GET /api/causes)");
			}
			return new Key(parts[0], parts[1], parts[2]);
		}
	}
}
