package dev.handoff.reject;

import java.time.Instant;

import dev.handoff.api.BadRequest;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query parameters that select rejects, as the API and the UI take them:
 * {@code cause} (an id from GET /api/causes) stands for its edge, rule and pointer
 * together.
 */
public record RejectQuery(String edge, @Parameter(schema = @Schema(type = "string", allowableValues = {
		"open", "replayed", "discarded" })) String status, String rule, String campaign,
		@Parameter(description = "a cause's id from GET /api/causes: its edge, rule and pointer") String cause,
		@Parameter(description = "received at or after (ISO-8601)") Instant since,
		@Parameter(description = "received before (ISO-8601), after since") Instant until){

	public RejectFilter filter() {
		String asked = blankToNull(status);
		Reject.Status wanted = asked == null ? null : Reject.Status.of(asked)
			.orElseThrow(() -> new BadRequest("status must be open, replayed or discarded; got '" + status + "'"));
		requireWritable("since", since);
		requireWritable("until", until);
		if (since != null && until != null && !since.isBefore(until)) {
			throw new BadRequest("since (" + since + ") must be before until (" + until + ")");
		}
		if (cause == null || cause.isBlank()) {
			return new RejectFilter(blankToNull(edge), wanted, blankToNull(rule), null, blankToNull(campaign), since,
					until);
		}
		Cause.Key key = Cause.Key.parse(cause);
		if ((edge != null && !edge.isBlank() && !edge.equals(key.edge()))
				|| (rule != null && !rule.isBlank() && !rule.equals(key.rule()))) {
			throw new BadRequest("cause " + cause + " is on edge '" + key.edge() + "' with rule '" + key.rule()
					+ "'; it cannot be combined with another edge or rule");
		}
		return new RejectFilter(key.edge(), wanted, key.rule(), key.pointer(), blankToNull(campaign), since, until);
	}

	/** Whether nothing narrows the selection (all rejects). */
	public boolean selectsAll() {
		return filter().equals(new RejectFilter(null, filter().status(), null, null, null, null, null));
	}

	/**
	 * A bulk job keeps its filter and answers it back in RFC 3339, which has four-digit
	 * years only: an instant beyond them could be stored but never read back.
	 */
	private static void requireWritable(String name, Instant instant) {
		if (instant != null && (instant.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
				|| instant.isAfter(Instant.parse("9999-12-31T23:59:59Z")))) {
			throw new BadRequest(name + " (" + instant + ") must fall in the years 0001 to 9999");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
