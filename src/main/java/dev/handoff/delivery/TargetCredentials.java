package dev.handoff.delivery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The credentials each edge's tool expects ({@code handoff.delivery.edges.<edge>.auth}),
 * ready to put on a request: headers, an API key in the query, an OAuth2 token fetched
 * and kept per edge. The HTTP sender uses it, and so may any other kind of target. It
 * also knows every secret configured, so that none is shown back
 * ({@link #scrub(String)}), and resolves the targets whose URL is a secret
 * ({@link SecretTargets}), which the outbox keeps only as references.
 */
@Component
public final class TargetCredentials {

	/** What stands in for a secret in an excerpt or message. */
	public static final String HIDDEN = "[secret]";

	private final DeliveryProperties properties;

	private final AccessTokens tokens;

	/**
	 * The configured secrets with the forms they travel in (Basic's base64, a query's
	 * encoding), longest first.
	 */
	private final List<String> secrets;

	private final List<SecretTargets> secretTargets;

	TargetCredentials(DeliveryProperties properties) {
		this(properties, List.of(), new ToolClient(properties));
	}

	@Autowired
	TargetCredentials(DeliveryProperties properties, List<SecretTargets> secretTargets, ToolClient client) {
		this.properties = properties;
		this.secretTargets = List.copyOf(secretTargets);
		this.tokens = new AccessTokens(client);
		Stream<String> basics = properties.edges()
			.values()
			.stream()
			.filter(e -> e != null && e.auth() != null && e.auth().kind() == Auth.Kind.basic)
			.map(e -> basicValue(e.auth()));
		Stream<String> targets = secretTargets.stream().flatMap(t -> t.secrets().stream());
		this.secrets = Stream.of(properties.secrets().stream(), basics, targets)
			.flatMap(s -> s)
			.flatMap(TargetCredentials::forms)
			.distinct()
			.toList();
	}

	/**
	 * The URL to send to: a stored target as it is, or the URL a reference to a secret
	 * target stands for now; null for a reference to a target no longer configured.
	 */
	public String resolve(String stored) {
		String target = stored;
		for (SecretTargets source : secretTargets) {
			target = target == null ? null : source.resolve(target);
		}
		return target;
	}

	/**
	 * The headers that prove who Handoff is to the edge's tool ({@code Authorization}, or
	 * an API key's own header); empty when the edge has no credentials or sends its key
	 * in the query. For OAuth2 this fetches a token when none is in hand or the one in
	 * hand is about to run out.
	 * @throws Unavailable when no OAuth2 token could be had: a failed attempt, to be
	 * retried like a tool that is down
	 */
	public Map<String, String> headers(String edge) {
		Auth auth = properties.auth(edge);
		if (auth == null) {
			return Map.of();
		}
		return switch (auth.kind()) {
			case basic -> Map.of("Authorization", "Basic " + basicValue(auth));
			case bearer -> Map.of("Authorization", "Bearer " + auth.token());
			case api_key -> auth.header() == null ? Map.of() : Map.of(auth.header(), auth.token());
			case oauth2 -> Map.of("Authorization", "Bearer " + tokens.token(edge, auth));
		};
	}

	/**
	 * The target with the edge's API key added as a query parameter, when that is where
	 * its tool wants it; else the target.
	 */
	public URI withQuery(String edge, URI target) {
		Auth auth = properties.auth(edge);
		if (auth == null || auth.kind() != Auth.Kind.api_key || auth.queryParameter() == null) {
			return target;
		}
		String text = target.toString();
		int hash = text.indexOf('#');
		String fragment = hash < 0 ? "" : text.substring(hash);
		String base = hash < 0 ? text : text.substring(0, hash);
		String parameter = URLEncoder.encode(auth.queryParameter(), StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(auth.token(), StandardCharsets.UTF_8);
		return URI.create(base + (target.getRawQuery() == null ? "?" : "&") + parameter + fragment);
	}

	/**
	 * The edge's tool answered 401: the OAuth2 token in hand is dropped, so that the next
	 * send fetches a new one.
	 */
	public void rejected(String edge) {
		tokens.drop(edge);
	}

	/**
	 * The same, for a send that went out with these headers: the token is dropped only if
	 * it is still the one sent, so that several sends refused together cause one fetch,
	 * not one each.
	 */
	void rejected(String edge, Map<String, String> sent) {
		String authorization = sent.get("Authorization");
		if (authorization != null && authorization.startsWith("Bearer ")) {
			tokens.drop(edge, authorization.substring("Bearer ".length()));
		}
	}

	/**
	 * Whether a 401 on this edge may be answered by fetching a new token and sending once
	 * more (OAuth2 only).
	 */
	boolean renewable(String edge) {
		Auth auth = properties.auth(edge);
		return auth != null && auth.kind() == Auth.Kind.oauth2;
	}

	/**
	 * The text with every configured secret (passwords, tokens, API keys, client secrets,
	 * signing secrets, webhook URLs that are their own key, OAuth2 tokens in hand)
	 * replaced by {@value #HIDDEN}: for a tool's answer that echoes the request before it
	 * is stored or logged.
	 */
	public String scrub(String text) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String scrubbed = text;
		for (String secret : Stream.concat(secrets.stream(), tokens.known().stream().flatMap(TargetCredentials::forms))
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList()) {
			scrubbed = scrubbed.replace(secret, HIDDEN);
		}
		return scrubbed;
	}

	private static String basicValue(Auth auth) {
		String pair = Objects.requireNonNullElse(auth.username(), "") + ":"
				+ Objects.requireNonNullElse(auth.password(), "");
		return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/** A secret as it is configured and as it travels in a query string. */
	private static Stream<String> forms(String secret) {
		return Stream.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8))
			.filter(s -> !s.isEmpty())
			.distinct();
	}

	/**
	 * No credentials could be had for a send (the OAuth2 token endpoint failed): the
	 * attempt failed and is retried like one that found the tool down. The message names
	 * the token endpoint's host, never a secret.
	 */
	public static final class Unavailable extends RuntimeException {

		Unavailable(String message) {
			super(message, null, false, false);
		}

	}

}
