package dev.handoff.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.handoff.inbound.Refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code inbound=hmac}: the signature header must hold the MAC, by one of the edge's
 * secrets (used as their UTF-8 bytes, as Typeform, HubSpot and Shopify use theirs), of
 * what the scheme signs; a signed timestamp must be within the tolerance of now. Headers
 * and timestamp are judged before the body is read, the signature once it is.
 */
final class HmacVerifier implements Verifier {

	private final HmacScheme scheme;

	private final List<HmacScheme.Part> parts;

	private final List<SecretKeySpec> keys;

	private final Clock clock;

	HmacVerifier(HmacScheme scheme, List<String> secrets, Clock clock) {
		this.clock = clock;
		this.scheme = scheme;
		this.parts = scheme.parts();
		this.keys = secrets.stream()
			.map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), scheme.algorithm()))
			.toList();
	}

	@Override
	public Optional<Refusal> headers(HttpServletRequest request) {
		String signature = request.getHeader(scheme.header());
		if (signature == null || signature.isBlank()) {
			return Refusal.signature(Reason.missing, "this edge needs a signature in the " + scheme.header() + " header"
					+ (scheme.timed() ? " and the time of signing in " + scheme.timestampHeader() : ""), null);
		}
		if (!scheme.timed()) {
			return Optional.empty();
		}
		String timestamp = request.getHeader(scheme.timestampHeader());
		if (timestamp == null || timestamp.isBlank()) {
			return Refusal.signature(Reason.missing,
					"this edge needs the time of signing in the " + scheme.timestampHeader() + " header", null);
		}
		long millis;
		try {
			long value = Long.parseLong(timestamp.trim());
			millis = scheme.timestampUnit() == HmacScheme.TimestampUnit.ms ? value : Math.multiplyExact(value, 1000L);
		}
		catch (NumberFormatException | ArithmeticException e) {
			return Refusal.signature(Reason.malformed,
					scheme.timestampHeader() + " must be "
							+ (scheme.timestampUnit() == HmacScheme.TimestampUnit.ms ? "milliseconds" : "seconds")
							+ " since the epoch",
					null);
		}
		long skew = Math.abs(clock.millis() - millis) / 1000;
		long tolerance = scheme.toleranceOrDefault().toSeconds();
		if (skew > tolerance) {
			return Refusal.signature(Reason.expired, scheme.timestampHeader() + " is " + skew
					+ " s away from now; at most " + tolerance + " s is accepted", null);
		}
		return Optional.empty();
	}

	@Override
	public Optional<Refusal> body(HttpServletRequest request, byte[] body) {
		byte[] given = decode(request.getHeader(scheme.header()).trim());
		if (given == null) {
			return Refusal.signature(Reason.malformed, "the " + scheme.header() + " header must be '" + scheme.prefix()
					+ "<" + scheme.encoding() + " of the " + scheme.algorithm() + ">'", null);
		}
		String timestamp = scheme.timed() ? request.getHeader(scheme.timestampHeader()).trim() : null;
		byte[] message = HmacScheme.message(parts, request, body, timestamp);
		boolean match = false;
		for (SecretKeySpec key : keys) {
			match |= MessageDigest.isEqual(mac(key, message), given);
		}
		if (!match) {
			return Refusal.signature(Reason.wrong,
					"the signature in " + scheme.header() + " matches none of this edge's secrets: it was "
							+ "signed with another secret, or the message changed after it was signed",
					null);
		}
		return Optional.empty();
	}

	@Override
	public boolean needsBody() {
		return true;
	}

	/**
	 * The MAC the header carries, or null when it is not the prefix and a MAC in the
	 * scheme's encoding.
	 */
	private byte[] decode(String value) {
		if (!value.startsWith(scheme.prefix())) {
			return null;
		}
		String encoded = value.substring(scheme.prefix().length());
		try {
			return switch (scheme.encoding()) {
				case hex -> HexFormat.of().parseHex(encoded.toLowerCase(java.util.Locale.ROOT));
				case base64 -> Base64.getDecoder().decode(encoded);
			};
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private byte[] mac(SecretKeySpec key, byte[] message) {
		try {
			Mac mac = Mac.getInstance(scheme.algorithm());
			mac.init(key);
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(scheme.algorithm() + " was checked at start", e);
		}
	}

}
