package dev.handoff.delivery;

import java.time.Instant;

/**
 * An accepted message waiting for, or done with, delivery to the next tool.
 *
 * @param id the acceptance id; sent as the {@code Idempotency-Key} on every attempt
 * @param edge the edge it was accepted on
 * @param contract the contract's name
 * @param contractSha256 the contract file's hash at acceptance
 * @param campaign the campaign id
 * @param version the brief version it carries, if any
 * @param target the next tool's URL
 * @param payload the bytes to send (with generated values applied)
 * @param status {@code pending}, {@code delivered} or {@code failed}
 * @param attempts how many sends were tried
 * @param nextAttemptAt when the next send is due
 * @param lastOutcome what the last attempt got back
 * @param message the message as its guard accepted it, when the route shaped it into
 * another payload for the tool; null when the payload is that message. A delivery reject
 * shows and replays this one, so a replay is shaped again.
 * @param options how an http target is called ({@link DeliveryOptions#stored()}); null
 * for a plain POST
 */
public record OutboxEntry(String id, String edge, String contract, String contractSha256, String campaign, Long version,
		String target, byte[] payload, String status, int attempts, Instant nextAttemptAt, String lastOutcome,
		byte[] message, String options) {

	/**
	 * A new entry, due now: its payload is the message as accepted, sent with a plain
	 * POST.
	 */
	public static OutboxEntry pending(String id, String edge, String contract, String contractSha256, String campaign,
			Long version, String target, byte[] payload) {
		return pending(id, edge, contract, contractSha256, campaign, version, target, payload, null, null);
	}

	/**
	 * A new entry, due now.
	 * @param message the message as accepted when the route shaped the payload from it;
	 * else null
	 * @param options how an http target is called ({@link DeliveryOptions#stored()});
	 * null for a plain POST
	 */
	public static OutboxEntry pending(String id, String edge, String contract, String contractSha256, String campaign,
			Long version, String target, byte[] payload, byte[] message, String options) {
		return new OutboxEntry(id, edge, contract, contractSha256, campaign, version, target, payload, PENDING, 0,
				Instant.now(), null, message, options);
	}

	/**
	 * What a delivery reject of this entry stores: the message as accepted, which its
	 * route shapes again on replay.
	 */
	public byte[] accepted() {
		return message != null ? message : payload;
	}

	public static final String PENDING = "pending";

	public static final String DELIVERED = "delivered";

	public static final String FAILED = "failed";

}
