package dev.handoff.gate;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message a human gate holds: accepted by its guard, waiting for a person to approve or
 * decline it.
 *
 * @param id public id; for an approved brief also the message id of the truth version it
 * became
 * @param edge the edge it came in on
 * @param contract the contract's name
 * @param contractSha256 the contract file's hash when it was held
 * @param campaign the campaign id
 * @param version the brief version it carries, if any
 * @param payload the bytes as received
 * @param contentType the Content-Type the sender declared, when known
 * @param forwarded what approval sends on (generated values applied); null for a brief
 * @param newTruth for a brief, the truth fields approval records; else null
 * @param target the next tool's URL; null where nothing is sent on (the brief)
 * @param reason the gate's reason: what the approver is asked to check
 * @param status {@code held}, {@code approved} or {@code declined}
 * @param heldAt when it came in
 * @param decidedAt when it was decided; null while held
 * @param decidedBy who decided (a token's name); null while held
 * @param comment what they said; null while held
 * @param targetOptions how the target is called when approved
 * ({@code DeliveryOptions#stored()}); null for a plain POST
 */
public record Held(String id, String edge, String contract, String contractSha256, String campaign, Long version,
		byte[] payload, String contentType, byte[] forwarded, ObjectNode newTruth, String target, String reason,
		String status, Instant heldAt, Instant decidedAt, String decidedBy, String comment, String targetOptions) {

	public static final String HELD = "held";

	public static final String APPROVED = "approved";

	public static final String DECLINED = "declined";

	/** A message a gate holds now, undecided. */
	public static Held now(String id, String edge, String contract, String contractSha256, String campaign,
			Long version, byte[] payload, String contentType, byte[] forwarded, ObjectNode newTruth, String target,
			String reason) {
		return new Held(id, edge, contract, contractSha256, campaign, version, payload, contentType, forwarded,
				newTruth, target, reason, HELD, Instant.now(), null, null, null, null);
	}

	/** The same message, its target called with these options. */
	public Held calling(String options) {
		return new Held(id, edge, contract, contractSha256, campaign, version, payload, contentType, forwarded,
				newTruth, target, reason, status, heldAt, decidedAt, decidedBy, comment, options);
	}
}
