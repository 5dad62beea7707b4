package dev.handoff.reject;

import java.time.Instant;
import java.util.List;

import dev.handoff.guard.Violation;

/**
 * A message that failed its guard, kept exactly as received so that nothing is lost.
 *
 * @param id public id
 * @param edge the edge it came in on
 * @param contract the contract's name
 * @param contractSha256 the contract file's hash when it was rejected
 * @param campaign the campaign id, when it could be read
 * @param payload the bytes as received (for {@code too-large}: up to the limit)
 * @param declaredLength the Content-Length the sender declared, when known
 * @param contentType the Content-Type the sender declared, when known
 * @param violations why it was rejected
 * @param status {@code open}, {@code replayed} or {@code discarded}
 * @param receivedAt when it came in
 * @param outboxId for a {@code delivery} reject, the outbox entry whose delivery failed;
 * else null
 * @param source where it came from when not over HTTP, e.g.
 * {@code kafka:topic/partition@offset}; else null
 * @param mapped the message the guard judged, when steps before the guard mapped the
 * received bytes to it; else null. Violations point into this one; a replay maps the
 * payload again.
 */
public record Reject(String id, String edge, String contract, String contractSha256, String campaign, byte[] payload,
		Long declaredLength, String contentType, List<Violation> violations, String status, Instant receivedAt,
		String outboxId, String source, byte[] mapped) {

	/** A reject of a message judged as received. */
	public Reject(String id, String edge, String contract, String contractSha256, String campaign, byte[] payload,
			Long declaredLength, String contentType, List<Violation> violations, String status, Instant receivedAt,
			String outboxId, String source) {
		this(id, edge, contract, contractSha256, campaign, payload, declaredLength, contentType, violations, status,
				receivedAt, outboxId, source, null);
	}

	/** A reject of a message that came over HTTP. */
	public Reject(String id, String edge, String contract, String contractSha256, String campaign, byte[] payload,
			Long declaredLength, String contentType, List<Violation> violations, String status, Instant receivedAt,
			String outboxId) {
		this(id, edge, contract, contractSha256, campaign, payload, declaredLength, contentType, violations, status,
				receivedAt, outboxId, null);
	}

	public static final String OPEN = "open";

}
