package dev.handoff.inbound;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What opens one edge to its senders ({@code handoff.edges.inbound.<edge>}): the secrets,
 * never in a route file, and for {@code hmac} the scheme. Which keys apply is decided by
 * the kind its route names ({@code inbound=}); the rest must be left out. Every list
 * takes several values, so that a secret can be rotated: the new one is added, the
 * senders move to it, the old one is removed.
 *
 * @param username {@code basic}: the user name (Segment: the source's write key, with no
 * password)
 * @param passwords {@code basic}: the passwords accepted with it; none means the password
 * must be empty
 * @param tokens {@code bearer}: the tokens accepted; {@code api-key}: the keys accepted;
 * {@code segment}: the write keys accepted
 * @param header {@code api-key}: the header that carries the key; {@code hmac}: the
 * header that carries the signature
 * @param secrets {@code standard-webhooks}: the {@code whsec_...} secrets; {@code hmac}:
 * the shared secrets, as the tool shows them (their UTF-8 bytes are the key)
 * @param preset {@code hmac}: a tool's scheme by name: typeform, hubspot-v3, shopify,
 * sha256-hex, sha256-base64
 * @param algorithm {@code hmac}: HmacSHA256 (the default), HmacSHA1 or HmacSHA512
 * @param encoding {@code hmac}: how the MAC is written: hex or base64
 * @param prefix {@code hmac}: what stands before the MAC in the header, e.g.
 * {@code sha256=}
 * @param signed {@code hmac}: what is signed: {@code body} (the default), or a template
 * such as {@code {method}{uri}{body}{timestamp}}
 * @param timestampHeader {@code hmac}: the header with the time of signing, when what is
 * signed has {@code {timestamp}}
 * @param timestampUnit {@code hmac}: that time in s (the default) or ms since the epoch
 * @param tolerance {@code standard-webhooks}, {@code hmac}: how far the signed time may
 * be from now (default 5 minutes)
 */
public record InboundSettings(String username, List<String> passwords, List<String> tokens, String header,
		List<String> secrets, HmacScheme.Preset preset, String algorithm, HmacScheme.Encoding encoding, String prefix,
		String signed, String timestampHeader, HmacScheme.TimestampUnit timestampUnit, Duration tolerance) {

	public InboundSettings {
		// an environment variable that is set but empty binds as "": that is no value,
		// not an empty secret
		username = blankIsNull(username);
		passwords = withoutBlanks(passwords);
		tokens = withoutBlanks(tokens);
		header = blankIsNull(header);
		secrets = withoutBlanks(secrets);
		algorithm = blankIsNull(algorithm);
		prefix = blankIsNull(prefix);
		signed = blankIsNull(signed);
		timestampHeader = blankIsNull(timestampHeader);
	}

	/** An edge with nothing configured. */
	static InboundSettings none() {
		return new InboundSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);
	}

	/**
	 * The Standard Webhooks secrets of {@code handoff.edges.signatures.<edge>}, which
	 * came before these settings.
	 */
	public static InboundSettings standardWebhooks(List<String> secrets, Duration tolerance) {
		return new InboundSettings(null, null, null, null, secrets, null, null, null, null, null, null, null,
				tolerance);
	}

	/** Each key by its name in configuration, and whether it is set. */
	Map<String, Boolean> keys() {
		Map<String, Boolean> keys = new LinkedHashMap<>();
		keys.put("username", username != null);
		keys.put("passwords", !passwords.isEmpty());
		keys.put("tokens", !tokens.isEmpty());
		keys.put("header", header != null);
		keys.put("secrets", !secrets.isEmpty());
		keys.put("preset", preset != null);
		keys.put("algorithm", algorithm != null);
		keys.put("encoding", encoding != null);
		keys.put("prefix", prefix != null);
		keys.put("signed", signed != null);
		keys.put("timestamp-header", timestampHeader != null);
		keys.put("timestamp-unit", timestampUnit != null);
		keys.put("tolerance", tolerance != null);
		return keys;
	}

	/** Without the secrets: settings end up in logs and failure reports. */
	@Override
	public String toString() {
		return "InboundSettings[username=" + hidden(username) + ", passwords=" + hidden(passwords) + ", tokens="
				+ hidden(tokens) + ", header=" + header + ", secrets=" + hidden(secrets) + ", preset=" + preset
				+ ", algorithm=" + algorithm + ", encoding=" + encoding + ", prefix=" + prefix + ", signed=" + signed
				+ ", timestampHeader=" + timestampHeader + ", timestampUnit=" + timestampUnit + ", tolerance="
				+ tolerance + "]";
	}

	private static String hidden(Object secret) {
		return secret == null || (secret instanceof List<?> list && list.isEmpty()) ? null : "[secret]";
	}

	private static String blankIsNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	private static List<String> withoutBlanks(List<String> values) {
		return values == null ? List.of() : values.stream().filter(Objects::nonNull).filter(v -> !v.isBlank()).toList();
	}
}
