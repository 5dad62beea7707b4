package dev.handoff.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OAuth 2.0 access tokens by the client-credentials grant (RFC 6749 §4.4), one per edge,
 * kept until shortly before they run out or until the tool refuses one. Asked with
 * {@link ToolClient} (so the token endpoint passes the same address check as deliveries),
 * not with Spring Security's OAuth2 client, which would switch on Spring Security's
 * auto-configuration for the whole service. No token is ever logged.
 */
final class AccessTokens {

	/**
	 * At most this long before a token runs out, a new one is fetched, so no send goes
	 * out with one about to expire.
	 */
	static final Duration LONGEST_MARGIN = Duration.ofSeconds(60);

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * RFC 6749 §5.2 error codes are short lower-case words; anything else in the field is
	 * not repeated.
	 */
	private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");

	private final ToolClient client;

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	/**
	 * The token an edge used before its current one, so that a tool echoing it in an
	 * answer is still caught.
	 */
	private final Map<String, String> retired = new ConcurrentHashMap<>();

	private final Map<String, Object> locks = new ConcurrentHashMap<>();

	/**
	 * A token and when to stop using it.
	 *
	 * @param value the access token
	 * @param renewAt from this moment a new one is fetched first
	 */
	record Token(String value, Instant renewAt) {
	}

	AccessTokens(ToolClient client) {
		this.client = client;
	}

	/**
	 * The edge's token, fetched when there is none or it is about to run out; several
	 * sends at once fetch one.
	 */
	String token(String edge, Auth auth) {
		Token cached = tokens.get(edge);
		if (cached != null && Instant.now().isBefore(cached.renewAt())) {
			return cached.value();
		}
		synchronized (locks.computeIfAbsent(edge, e -> new Object())) {
			cached = tokens.get(edge);
			if (cached != null && Instant.now().isBefore(cached.renewAt())) {
				return cached.value();
			}
			Token fresh = fetch(auth);
			if (cached != null) {
				retired.put(edge, cached.value());
			}
			tokens.put(edge, fresh);
			return fresh.value();
		}
	}

	/** Forgets the edge's token, whichever it is. */
	void drop(String edge) {
		Token dropped = tokens.remove(edge);
		if (dropped != null) {
			retired.put(edge, dropped.value());
		}
	}

	/**
	 * Forgets the edge's token if it is still this one: of several sends refused at once,
	 * only the first causes a fetch.
	 */
	void drop(String edge, String value) {
		Token current = tokens.get(edge);
		if (current != null && current.value().equals(value) && tokens.remove(edge, current)) {
			retired.put(edge, value);
		}
	}

	/** Every token in hand or just retired, to be kept out of what is shown. */
	List<String> known() {
		return Stream.concat(tokens.values().stream().map(Token::value), retired.values().stream()).toList();
	}

	/**
	 * When to fetch anew: before the lifetime ends by a tenth of it, or by
	 * {@link #LONGEST_MARGIN} when that is less.
	 */
	static Instant renewAt(Instant obtained, Duration lifetime) {
		Duration tenth = lifetime.dividedBy(10);
		return obtained.plus(lifetime).minus(tenth.compareTo(LONGEST_MARGIN) < 0 ? tenth : LONGEST_MARGIN);
	}

	private Token fetch(Auth auth) {
		URI url = auth.tokenUrl();
		String host = Targets.host(url.toString());
		// RFC 6749 §2.3.1: id and secret are form-encoded, then sent as HTTP Basic
		String client = URLEncoder.encode(auth.clientId(), StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(auth.clientSecret(), StandardCharsets.UTF_8);
		String form = "grant_type=client_credentials"
				+ (auth.scope() == null ? "" : "&scope=" + URLEncoder.encode(auth.scope(), StandardCharsets.UTF_8));
		Map<String, String> headers = Map.of("Accept", "application/json", "User-Agent", "Handoff", "Authorization",
				"Basic " + Base64.getEncoder().encodeToString(client.getBytes(StandardCharsets.UTF_8)));
		// the lifetime counts from before the request: the token may be a little older
		// than its answer
		Instant asked = Instant.now();
		ToolClient.Answer response;
		try {
			response = this.client.exchange("POST", url, headers, form.getBytes(StandardCharsets.UTF_8),
					"application/x-www-form-urlencoded");
		}
		catch (PrivateAddresses.Refused e) {
			throw new TargetCredentials.Unavailable(
					"no access token: the token endpoint is not called: " + e.getMessage());
		}
		catch (IOException e) {
			throw new TargetCredentials.Unavailable("no access token: the token endpoint at " + host
					+ " could not be reached (" + e.getClass().getSimpleName() + ")");
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new TargetCredentials.Unavailable(
					"no access token: interrupted while asking the token endpoint at " + host);
		}
		JsonNode answer = parse(response.body());
		if (response.status() < 200 || response.status() >= 300) {
			String error = answer.path("error").asText("");
			throw new TargetCredentials.Unavailable("no access token: the token endpoint at " + host + " answered "
					+ response.status() + (ERROR_CODE.matcher(error).matches() ? " (" + error + ")" : ""));
		}
		String value = answer.path("access_token").asText("");
		if (value.isBlank()) {
			throw new TargetCredentials.Unavailable("no access token: the token endpoint at " + host + " answered "
					+ response.status() + " without an access_token");
		}
		String type = answer.path("token_type").asText("bearer");
		if (!type.equalsIgnoreCase("bearer")) {
			throw new TargetCredentials.Unavailable(
					"no access token: the token endpoint at " + host + " gave a token of type '"
							+ (type.matches("[A-Za-z0-9_-]{1,40}") ? type : "?") + "'; only bearer tokens are sent");
		}
		JsonNode expiresIn = answer.path("expires_in");
		// without expires_in (RFC 6749 only recommends it) the token is kept until the
		// tool refuses it
		Instant renewAt = expiresIn.canConvertToLong() || expiresIn.asText().matches("[0-9]{1,10}")
				? renewAt(asked, Duration.ofSeconds(Math.max(0, expiresIn.asLong()))) : Instant.MAX;
		return new Token(value, renewAt);
	}

	private static JsonNode parse(byte[] body) {
		try {
			JsonNode node = JSON.readTree(body);
			return node == null ? JSON.missingNode() : node;
		}
		catch (IOException e) {
			return JSON.missingNode();
		}
	}

}
