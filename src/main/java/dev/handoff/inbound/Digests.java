package dev.handoff.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Credentials as the verifiers keep and compare them: as SHA-256 digests, compared with
 * {@link MessageDigest#isEqual}, so that the time a comparison takes tells neither a
 * secret's length nor where a guess went wrong, and no secret is held in the clear longer
 * than the start takes.
 */
final class Digests {

	private Digests() {
	}

	static byte[] of(byte[] value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is on every Java platform", e);
		}
	}

	static List<byte[]> of(List<String> values) {
		return values.stream().map(v -> of(v.getBytes(StandardCharsets.UTF_8))).toList();
	}

	/**
	 * True when the value is one of those digested; every digest is compared, whichever
	 * matched.
	 */
	static boolean matchesAny(byte[] value, List<byte[]> digests) {
		byte[] given = of(value);
		boolean match = false;
		for (byte[] digest : digests) {
			match |= MessageDigest.isEqual(given, digest);
		}
		return match;
	}

}
