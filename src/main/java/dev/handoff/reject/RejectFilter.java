package dev.handoff.reject;

import java.time.Instant;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a reviewer narrows the queue by; null means any.
 *
 * @param edge the edge it came in on
 * @param status open, replayed or discarded
 * @param rule a rule one of its violations broke
 * @param pointer with {@code rule}: where that violation was (a cause is edge + rule +
 * pointer)
 * @param campaign the campaign it names
 * @param since received at or after
 * @param until received before
 */
public record RejectFilter(@Schema(nullable = true) String edge, @Schema(nullable = true) Reject.Status status,
		@Schema(nullable = true) String rule, @Schema(nullable = true) String pointer,
		@Schema(nullable = true) String campaign, @Schema(nullable = true) Instant since,
		@Schema(nullable = true) Instant until) {

	public RejectFilter(String edge, Reject.Status status, String rule, String campaign) {
		this(edge, status, rule, null, campaign, null, null);
	}

	/** The rejects of one cause, in any status. */
	public static RejectFilter of(Cause.Key cause) {
		return new RejectFilter(cause.edge(), null, cause.rule(), cause.pointer(), null, null, null);
	}

	public RejectFilter withStatus(Reject.Status status) {
		return new RejectFilter(edge, status, rule, pointer, campaign, since, until);
	}
}
