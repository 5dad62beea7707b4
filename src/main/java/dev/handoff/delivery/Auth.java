package dev.handoff.delivery;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How Handoff proves who it is to the tool of one edge
 * ({@code handoff.delivery.edges.<edge>.auth}). Only the keys its kind uses may be set;
 * {@link #problems()} says which are missing or out of place.
 *
 * @param kind which scheme the tool expects
 * @param username {@code basic}: the user (Mailchimp takes any; Segment takes its write
 * key here, with no password)
 * @param password {@code basic}: the password (a Mailchimp API key, a WordPress
 * application password)
 * @param token {@code bearer}: the token; {@code api-key}: the key
 * @param header {@code api-key}: the header that carries the key, e.g. {@code X-API-Key}
 * @param queryParameter {@code api-key}: the query parameter that carries the key,
 * instead of a header
 * @param tokenUrl {@code oauth2}: the token endpoint, where the client-credentials grant
 * is posted
 * @param clientId {@code oauth2}: the client id
 * @param clientSecret {@code oauth2}: the client secret
 * @param scope {@code oauth2}: the scope to ask for, space-separated; none asks for the
 * client's default
 */
public record Auth(Kind kind, String username, String password, String token, String header, String queryParameter,
		URI tokenUrl, String clientId, String clientSecret, String scope) {

	/** The schemes a tool may expect; each takes its own keys. */
	public enum Kind {

		/** HTTP Basic ({@code Authorization: Basic base64(username:password)}). */
		basic,

		/** {@code Authorization: Bearer <token>}. */
		bearer,

		/** The key in a header of its own or in a query parameter. */
		api_key,

		/**
		 * OAuth 2.0 client credentials: a token from the token endpoint, sent as a bearer
		 * token.
		 */
		oauth2;

		/** As it is written in configuration. */
		String display() {
			return name().replace('_', '-');
		}

	}

	/** An HTTP header name (RFC 9110 token). */
	private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	/**
	 * Headers the HTTP client or every send sets already; a key there would be refused or
	 * overwritten.
	 */
	private static final Set<String> SET_BY_HANDOFF = Set.of("host", "connection", "content-length", "expect",
			"upgrade", "content-type", "idempotency-key", "user-agent", "webhook-id", "webhook-timestamp",
			"webhook-signature");

	public Auth {
		// an environment variable that is set but empty binds as "": that is no value,
		// not an empty secret
		username = blankIsNull(username);
		password = blankIsNull(password);
		token = blankIsNull(token);
		header = blankIsNull(header);
		queryParameter = blankIsNull(queryParameter);
		tokenUrl = tokenUrl == null || tokenUrl.toString().isBlank() ? null : tokenUrl;
		clientId = blankIsNull(clientId);
		clientSecret = blankIsNull(clientSecret);
		scope = blankIsNull(scope);
	}

	/**
	 * What is wrong with these settings, each as "kind basic needs a password"; empty
	 * when they are complete.
	 */
	List<String> problems() {
		if (kind == null) {
			return List.of("needs a kind: basic, bearer, api-key or oauth2");
		}
		List<String> problems = new ArrayList<>();
		List<String> uses = switch (kind) {
			case basic -> {
				if (username == null && password == null) {
					problems.add("kind basic needs a username or a password (or both)");
				}
				yield List.of("username", "password");
			}
			case bearer -> {
				needs(problems, "token", token);
				yield List.of("token");
			}
			case api_key -> {
				needs(problems, "token", token);
				if (header == null && queryParameter == null) {
					problems.add("kind api-key needs a header or a query-parameter to carry the key");
				}
				else if (header != null && queryParameter != null) {
					problems.add("kind api-key takes a header or a query-parameter, not both");
				}
				if (header != null && (!HEADER_NAME.matcher(header).matches()
						|| SET_BY_HANDOFF.contains(header.toLowerCase(Locale.ROOT)))) {
					problems.add("kind api-key cannot carry the key in a header named '" + header + "'");
				}
				yield List.of("token", "header", "query-parameter");
			}
			case oauth2 -> {
				needs(problems, "token-url", tokenUrl);
				needs(problems, "client-id", clientId);
				needs(problems, "client-secret", clientSecret);
				if (tokenUrl != null && !(tokenUrl.isAbsolute() && tokenUrl.getHost() != null
						&& ("https".equalsIgnoreCase(tokenUrl.getScheme())
								|| "http".equalsIgnoreCase(tokenUrl.getScheme())))) {
					problems.add("kind oauth2 needs an absolute http(s) token-url");
				}
				yield List.of("token-url", "client-id", "client-secret", "scope");
			}
		};
		List<String> stray = keys().entrySet()
			.stream()
			.filter(key -> key.getValue() != null && !uses.contains(key.getKey()))
			.map(Map.Entry::getKey)
			.toList();
		if (!stray.isEmpty()) {
			// a key of another kind is most likely a kind set wrong: say so rather than
			// ignore a credential
			problems.add("kind " + kind.display() + " does not use " + String.join(", ", stray));
		}
		return problems;
	}

	private void needs(List<String> problems, String key, Object value) {
		if (value == null) {
			problems.add("kind " + kind.display() + " needs a " + key);
		}
	}

	private Map<String, Object> keys() {
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("username", username);
		keys.put("password", password);
		keys.put("token", token);
		keys.put("header", header);
		keys.put("query-parameter", queryParameter);
		keys.put("token-url", tokenUrl);
		keys.put("client-id", clientId);
		keys.put("client-secret", clientSecret);
		keys.put("scope", scope);
		return keys;
	}

	/**
	 * The values that must never be shown. A Basic user name counts when there is no
	 * password, since then it is the key (Segment's write key); with a password it is an
	 * ordinary name (Mailchimp's "anystring", a WordPress user).
	 */
	List<String> secrets() {
		return Stream.of(password, token, clientSecret, password == null ? username : null)
			.filter(Objects::nonNull)
			.toList();
	}

	/** Without the secrets: settings end up in logs and failure reports. */
	@Override
	public String toString() {
		return "Auth[kind=" + kind + ", username=" + (password == null ? hidden(username) : username) + ", password="
				+ hidden(password) + ", token=" + hidden(token) + ", header=" + header + ", queryParameter="
				+ queryParameter + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret="
				+ hidden(clientSecret) + ", scope=" + scope + "]";
	}

	private static String hidden(String secret) {
		return secret == null ? null : TargetCredentials.HIDDEN;
	}

	private static String blankIsNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
