package dev.handoff.signature;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: HMAC-SHA256 over {@code id.timestamp.body} with a
 * {@code whsec_} secret, sent as {@code webhook-signature: v1,<base64>} (several,
 * space-separated, during a key rotation).
 */
public final class WebhookSignature {

	private static final String PREFIX = "whsec_";

	private WebhookSignature() {
	}

	/** The {@code v1,<base64>} signature of a message. */
	public static String sign(String secret, String id, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HmacSHA256 is on every Java platform", e);
		}
	}

	/**
	 * Why a signed message must be refused, or empty when one of its signatures matches
	 * one of the secrets and its timestamp is within the tolerance of now.
	 */
	public static Optional<String> refusal(String id, String timestamp, String signatures, byte[] body,
			List<String> secrets, Duration tolerance, Instant now) {
		if (id == null || timestamp == null || signatures == null) {
			return Optional
				.of("this edge needs Standard Webhooks headers webhook-id, webhook-timestamp and webhook-signature");
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.trim());
		}
		catch (NumberFormatException e) {
			return Optional.of("webhook-timestamp must be seconds since the epoch");
		}
		long skew = Math.abs(now.getEpochSecond() - seconds);
		if (skew > tolerance.toSeconds()) {
			return Optional.of("webhook-timestamp is " + skew + " s away from now; at most " + tolerance.toSeconds()
					+ " s is accepted");
		}
		for (String secret : secrets) {
			byte[] expected = sign(secret, id, seconds, body).getBytes(StandardCharsets.US_ASCII);
			for (String given : signatures.trim().split(" +")) {
				if (MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
					return Optional.empty();
				}
			}
		}
		return Optional.of("no webhook-signature matches a secret of this edge");
	}

	/**
	 * The key bytes of a {@code whsec_<base64>} secret (a secret without the prefix is
	 * taken as base64 too).
	 */
	static byte[] key(String secret) {
		return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
	}

}
