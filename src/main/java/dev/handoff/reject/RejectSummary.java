package dev.handoff.reject;

import java.time.Instant;
import java.util.List;

import dev.handoff.guard.Violation;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A reject as the queue lists it.
 *
 * @param id the reject
 * @param edge the edge that rejected it
 * @param contract the contract it was judged against
 * @param campaign its campaign; null when it names none
 * @param status {@code open}, {@code replayed} or {@code discarded}
 * @param rules the rules it broke, each once
 * @param size the bytes received
 * @param receivedAt when it came
 */
record RejectSummary(String id, String edge, String contract, @Schema(nullable = true) String campaign,
		@Schema(allowableValues = {
				"open", "replayed", "discarded" }) String status,
		List<String> rules, int size, Instant receivedAt){

	static RejectSummary of(Reject r) {
		return new RejectSummary(r.id(), r.edge(), r.contract(), r.campaign(), r.status().lowerCase(), rules(r),
				r.payload().length, r.receivedAt());
	}

	static List<String> rules(Reject r) {
		return r.violations().stream().map(Violation::rule).distinct().toList();
	}

}
