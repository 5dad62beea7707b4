package dev.handoff.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The door of an Airtable webhook's pings: Airtable signs each notification with the
 * webhook's MAC secret, as
 * {@code X-Airtable-Content-MAC: hmac-sha256=<hex of HMAC-SHA256 over the body>}. A ping
 * without a valid one (or any ping while no secret is set) is answered 401 and goes no
 * further, so nobody else can make Handoff poll; Airtable cannot send a header of our
 * choosing, so its own signature is the shared secret. The ping carries no record: what
 * it asks for is a poll, which reads the records with the edge's token.
 */
final class AirtablePing implements Processor {

	static final String HEADER = "X-Airtable-Content-MAC";

	private static final byte[] REFUSED = ("{\"type\":\"https://handoff.dev/problems/unsigned\",\"title\":\"Not signed by the "
			+ "webhook\",\"status\":401,\"detail\":\"an Airtable ping needs X-Airtable-Content-MAC, the HMAC-SHA256 of its body with the "
			+ "webhook's MAC secret (handoff.airtable.mac-secret)\"}")
		.getBytes(StandardCharsets.UTF_8);

	/**
	 * Airtable's pings are a few hundred bytes ({@code base}, {@code webhook},
	 * {@code timestamp}); the door is open to anyone, so no more than this is read.
	 */
	static final int MAX_BYTES = 16 * 1024;

	private static final byte[] TOO_LARGE = ("{\"type\":\"https://handoff.dev/problems/too-large\",\"title\":\"Too large\","
			+ "\"status\":413,\"detail\":\"an Airtable ping is at most " + MAX_BYTES + " bytes; nothing was done\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final AirtableProperties settings;

	AirtablePing(AirtableProperties settings) {
		this.settings = settings;
	}

	@Override
	public void process(Exchange exchange) throws IOException {
		Message message = exchange.getMessage();
		byte[] body = readAtMost(message);
		String mac = message.getHeader(HEADER, String.class);
		message.removeHeaders("*");
		if (body == null) {
			Outcomes.respond(exchange, 413, TOO_LARGE, false, "application/problem+json");
			exchange.setRouteStop(true);
			return;
		}
		if (signed(settings.macKey(), body, mac)) {
			return;
		}
		Outcomes.respond(exchange, 401, REFUSED, false, "application/problem+json");
		exchange.setRouteStop(true);
	}

	/**
	 * The body, or null when it is over {@link #MAX_BYTES}: refused by its declared
	 * length before reading, else after reading one byte past the limit.
	 */
	private static byte[] readAtMost(Message message) throws IOException {
		Long declared = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
		if (declared != null && declared > MAX_BYTES) {
			return null;
		}
		InputStream in = message.getBody(InputStream.class);
		byte[] body = in == null ? new byte[0] : in.readNBytes(MAX_BYTES + 1);
		return body.length > MAX_BYTES ? null : body;
	}

	/**
	 * Whether the MAC header is the HMAC-SHA256 of the body with the key, compared in
	 * constant time.
	 */
	static boolean signed(byte[] key, byte[] body, String header) {
		if (key == null || header == null || !header.startsWith("hmac-sha256=")) {
			return false;
		}
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] expected = HexFormat.of().formatHex(hmac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
			byte[] given = header.substring("hmac-sha256=".length())
				.toLowerCase(Locale.ROOT)
				.getBytes(StandardCharsets.US_ASCII);
			return MessageDigest.isEqual(expected, given);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException e) {
			throw new IllegalStateException("HMAC-SHA256 is in every JVM", e);
		}
	}

}
