package dev.handoff.reject;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.handoff.guard.Violation;

/**
 * A message that failed its guard, kept exactly as received so that nothing is lost. Each
 * way a reject is born has its factory ({@link #refused}, {@link #refusedFromQueue},
 * {@link #refusedInBatch}, {@link #tooLarge}, {@link #declined}, {@link #undelivered}): a
 * new field is filled there, not at every caller.
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
 * @param status open, replayed or discarded
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
		Long declaredLength, String contentType, List<Violation> violations, Status status, Instant receivedAt,
		String outboxId, String source, byte[] mapped) {

	private static final String JSON = "application/json";

	/**
	 * Where a reject is in the queue; stored, filtered and answered as its lower-case
	 * name.
	 */
	public enum Status {

		/** waiting for a person */
		OPEN,
		/** sent on again, as it was or corrected */
		REPLAYED,
		/** taken out of the queue with a reason */
		DISCARDED;

		/**
		 * {@code open}, {@code replayed} or {@code discarded}: the stored and sent value.
		 */
		@JsonValue
		public String lowerCase() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The status a stored or asked-for value names; empty for any other text. */
		public static Optional<Status> of(String value) {
			for (Status status : values()) {
				if (status.lowerCase().equals(value)) {
					return Optional.of(status);
				}
			}
			return Optional.empty();
		}

	}

	/**
	 * A message that came over HTTP and broke its contract.
	 * @param mapped what the steps before the guard made of the payload, when they mapped
	 * it; else null
	 */
	public static Reject refused(String id, String edge, String contract, String contractSha256, String campaign,
			byte[] payload, String contentType, List<Violation> violations, byte[] mapped) {
		return new Reject(id, edge, contract, contractSha256, campaign, payload, null, contentType, violations,
				Status.OPEN, Instant.now(), null, null, mapped);
	}

	/**
	 * An event read from a queue that broke its contract.
	 * @param source where it was read, e.g. {@code kafka:topic/partition@offset}; null
	 * when not known
	 */
	public static Reject refusedFromQueue(String id, String edge, String contract, String contractSha256,
			String campaign, byte[] event, List<Violation> violations, String source) {
		return new Reject(id, edge, contract, contractSha256, campaign, event, null, JSON, violations, Status.OPEN,
				Instant.now(), null, source, null);
	}

	/** One event of a batch, or a whole batch, that broke its contract. */
	public static Reject refusedInBatch(String id, String edge, String contract, String contractSha256, String campaign,
			byte[] json, List<Violation> violations) {
		return new Reject(id, edge, contract, contractSha256, campaign, json, null, JSON, violations, Status.OPEN,
				Instant.now(), null, null, null);
	}

	/**
	 * A body larger than the edge takes: its first bytes and the length the sender
	 * declared, if any.
	 */
	public static Reject tooLarge(String id, String edge, String contract, String contractSha256, byte[] firstBytes,
			Long declaredLength, String contentType, Violation tooLarge) {
		return new Reject(id, edge, contract, contractSha256, null, firstBytes, declaredLength, contentType,
				List.of(tooLarge), Status.OPEN, Instant.now(), null, null, null);
	}

	/**
	 * A held message a person declined: kept as it was held, as received when it was
	 * held.
	 */
	public static Reject declined(String id, String edge, String contract, String contractSha256, String campaign,
			byte[] payload, String contentType, Violation declined, Instant heldAt) {
		return new Reject(id, edge, contract, contractSha256, campaign, payload, null, contentType, List.of(declined),
				Status.OPEN, heldAt, null, null, null);
	}

	/**
	 * An accepted message whose delivery failed for good: the accepted bytes and the
	 * outbox entry that failed.
	 */
	public static Reject undelivered(String id, String edge, String contract, String contractSha256, String campaign,
			byte[] accepted, Violation delivery, String outboxId) {
		return new Reject(id, edge, contract, contractSha256, campaign, accepted, null, JSON, List.of(delivery),
				Status.OPEN, Instant.now(), outboxId, null, null);
	}

}
