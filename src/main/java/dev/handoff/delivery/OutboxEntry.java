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
 */
public record OutboxEntry(String id, String edge, String contract, String contractSha256, String campaign, Long version,
		String target, byte[] payload, String status, int attempts, Instant nextAttemptAt, String lastOutcome) {

	public static final String PENDING = "pending";

	public static final String DELIVERED = "delivered";

	public static final String FAILED = "failed";
}
