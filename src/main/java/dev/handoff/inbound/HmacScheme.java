package dev.handoff.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * An HMAC signature scheme as data: where the signature travels, how it is computed and
 * written, and what it signs. The tools Handoff knows are {@link Preset}s; any other is
 * described key by key in configuration.
 *
 * @param header the header that carries the signature
 * @param algorithm the JCA name of the MAC: {@code HmacSHA256}, {@code HmacSHA1} or
 * {@code HmacSHA512}
 * @param encoding how the MAC is written in the header
 * @param prefix what stands before the MAC in the header ({@code sha256=}); empty for
 * nothing
 * @param signed what is signed: {@code body}, or a template of {@code {method}},
 * {@code {uri}} (the full URL the sender posted to, query included), {@code {body}},
 * {@code {timestamp}} and literal text, e.g. {@code v0:{timestamp}:{body}}
 * @param timestampHeader the header that carries the time of signing; needed when
 * {@code signed} has {@code {timestamp}}
 * @param timestampUnit whether that time is in seconds or milliseconds since the epoch
 * @param tolerance how far that time may be from now, either way
 */
public record HmacScheme(String header, String algorithm, Encoding encoding, String prefix, String signed,
		String timestampHeader, TimestampUnit timestampUnit, Duration tolerance) {

	static final String SHA256 = "HmacSHA256";

	static final String BODY = "{body}";

	static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	static final List<String> ALGORITHMS = List.of("HmacSHA256", "HmacSHA1", "HmacSHA512");

	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/** How the MAC is written in its header. */
	public enum Encoding {

		hex, base64

	}

	/** The unit of a timestamp header. */
	public enum TimestampUnit {

		s, ms

	}

	/** The parts of what is signed. */
	enum Field {

		method, uri, body, timestamp

	}

	/** One part of what is signed: a field of the request, or literal text. */
	record Part(Field field, String text) {
	}

	/** The schemes of the tools Handoff knows, as their documentation describes them. */
	public enum Preset {

		/**
		 * Typeform:
		 * {@code Typeform-Signature: sha256=<base64 of the HMAC-SHA256 of the body>}.
		 */
		typeform(new HmacScheme("Typeform-Signature", SHA256, Encoding.base64, "sha256=", BODY, null, null, null)),

		/**
		 * HubSpot v3: {@code X-HubSpot-Signature-v3}, the base64 HMAC-SHA256 of method,
		 * full request URL, body and {@code X-HubSpot-Request-Timestamp} (milliseconds),
		 * refused when that time is more than 5 minutes from now.
		 */
		hubspot_v3(new HmacScheme("X-HubSpot-Signature-v3", SHA256, Encoding.base64, "",
				"{method}{uri}{body}{timestamp}", "X-HubSpot-Request-Timestamp", TimestampUnit.ms, FIVE_MINUTES)),

		/**
		 * Shopify:
		 * {@code X-Shopify-Hmac-Sha256: <base64 of the HMAC-SHA256 of the body>}.
		 */
		shopify(new HmacScheme("X-Shopify-Hmac-Sha256", SHA256, Encoding.base64, "", BODY, null, null, null)),

		/**
		 * Generic: {@code X-Signature: sha256=<hex of the HMAC-SHA256 of the body>}
		 * (GitHub's form, in its own header).
		 */
		sha256_hex(new HmacScheme("X-Signature", SHA256, Encoding.hex, "sha256=", BODY, null, null, null)),

		/**
		 * Generic: {@code X-Signature: sha256=<base64 of the HMAC-SHA256 of the body>}.
		 */
		sha256_base64(new HmacScheme("X-Signature", SHA256, Encoding.base64, "sha256=", BODY, null, null, null));

		private final HmacScheme scheme;

		Preset(HmacScheme scheme) {
			this.scheme = scheme;
		}

		String display() {
			return name().replace('_', '-');
		}

		static String names() {
			return String.join(", ", Arrays.stream(values()).map(Preset::display).toList());
		}

	}

	/**
	 * The header that carries an edge's signature, as its settings and preset say: what
	 * its OpenAPI document names.
	 */
	public static String headerOf(InboundSettings settings) {
		return of(settings).header();
	}

	/**
	 * The scheme an edge's settings describe: its preset's, with each key the settings
	 * set in the preset's place.
	 */
	static HmacScheme of(InboundSettings settings) {
		HmacScheme base = settings.preset() != null ? settings.preset().scheme
				: new HmacScheme(null, SHA256, null, "", BODY, null, null, null);
		return new HmacScheme(or(settings.header(), base.header), or(settings.algorithm(), base.algorithm),
				or(settings.encoding(), base.encoding), or(settings.prefix(), base.prefix),
				or(settings.signed(), base.signed), or(settings.timestampHeader(), base.timestampHeader),
				or(settings.timestampUnit(), base.timestampUnit), or(settings.tolerance(), base.tolerance));
	}

	private static <T> T or(T own, T preset) {
		return own != null ? own : preset;
	}

	/**
	 * What keeps this scheme from being checked, each naming its key; empty when it can
	 * be.
	 */
	List<String> problems() {
		List<String> problems = new ArrayList<>();
		if (header == null) {
			problems.add("header: name the header that carries the signature, or set a preset: " + Preset.names());
		}
		else if (!HEADER_NAME.matcher(header).matches()) {
			problems.add("header: '" + header + "' is not a header name");
		}
		if (encoding == null) {
			problems.add("encoding: say how the signature is written, hex or base64");
		}
		if (!ALGORITHMS.contains(algorithm)) {
			problems.add("algorithm: '" + algorithm + "' is not one of " + String.join(", ", ALGORITHMS));
		}
		List<Part> parts;
		try {
			parts = parts();
		}
		catch (IllegalArgumentException e) {
			problems.add("signed: " + e.getMessage());
			return problems;
		}
		boolean timed = parts.stream().anyMatch(p -> p.field() == Field.timestamp);
		if (timed && timestampHeader == null) {
			problems.add("timestamp-header: what is signed has {timestamp}, so name the header that carries it");
		}
		if (!timed && timestampHeader != null) {
			// a time nobody signed can be changed by anyone, so checking it would only
			// look like protection against replays
			problems.add("signed: it has no {timestamp}, so the time in " + timestampHeader
					+ " would prove nothing; add {timestamp} to " + "what is signed, or leave timestamp-header out");
		}
		if (timestampHeader != null && !HEADER_NAME.matcher(timestampHeader).matches()) {
			problems.add("timestamp-header: '" + timestampHeader + "' is not a header name");
		}
		if (tolerance != null && (tolerance.isNegative() || tolerance.isZero())) {
			problems.add("tolerance: it must be longer than zero");
		}
		return problems;
	}

	/** What is signed, in order; {@code body} alone is short for {@code {body}}. */
	List<Part> parts() {
		String template = signed.trim().equalsIgnoreCase("body") ? BODY : signed;
		List<Part> parts = new ArrayList<>();
		int at = 0;
		while (at < template.length()) {
			int open = template.indexOf('{', at);
			if (open < 0) {
				parts.add(new Part(null, template.substring(at)));
				break;
			}
			if (open > at) {
				parts.add(new Part(null, template.substring(at, open)));
			}
			int close = template.indexOf('}', open);
			String name = close < 0 ? template.substring(open + 1) : template.substring(open + 1, close);
			Field field = Arrays.stream(Field.values())
				.filter(f -> f.name().equals(name.toLowerCase(Locale.ROOT)))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"'{" + name + (close < 0 ? "" : "}") + "' is not something a request has; "
								+ "use body, or a template of {method}, {uri}, {body}, {timestamp} and literal text"));
			parts.add(new Part(field, null));
			at = close + 1;
		}
		return parts;
	}

	boolean timed() {
		return timestampHeader != null;
	}

	Duration toleranceOrDefault() {
		return tolerance == null ? FIVE_MINUTES : tolerance;
	}

	/** The bytes the sender signed, put together from the request as it arrived. */
	static byte[] message(List<Part> parts, HttpServletRequest request, byte[] body, String timestamp) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
		for (Part part : parts) {
			if (part.field() == null) {
				out.writeBytes(part.text().getBytes(StandardCharsets.UTF_8));
				continue;
			}
			switch (part.field()) {
				case method -> out.writeBytes(request.getMethod().getBytes(StandardCharsets.UTF_8));
				case uri -> out.writeBytes(url(request).getBytes(StandardCharsets.UTF_8));
				case body -> out.writeBytes(body);
				case timestamp -> out.writeBytes(timestamp.getBytes(StandardCharsets.UTF_8));
			}
		}
		return out.toByteArray();
	}

	/**
	 * The URL the sender posted to, query included. Behind a proxy that ends TLS, Tomcat
	 * sees its own scheme and host unless {@code server.forward-headers-strategy} lets it
	 * read the proxy's {@code X-Forwarded-*} headers.
	 */
	private static String url(HttpServletRequest request) {
		String query = request.getQueryString();
		return request.getRequestURL() + (query == null ? "" : "?" + query);
	}
}
