package dev.handoff.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the review API of a running service and hands back whatever it answered, as data.
 */
final class ReviewClient {

	/** What the service answered; {@code json} is null when the body is not JSON. */
	record Answer(int status, String contentType, byte[] body, JsonNode json) {

		String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	/**
	 * The service could not be asked: nothing listens, the name does not resolve, or it
	 * did not answer in time.
	 */
	static final class Unreachable extends IOException {

		Unreachable(URI base, String reason, Throwable cause) {
			super("cannot reach " + base + ": " + reason, cause);
		}

	}

	// big decimals, so that --json never rounds a number the service wrote
	static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

	private final URI base;

	private final String token;

	private final Duration timeout;

	private final HttpClient http;

	ReviewClient(URI base, String token, Duration timeout) {
		String url = base.toString();
		this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
		this.token = token;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	URI base() {
		return base;
	}

	boolean hasToken() {
		return token != null;
	}

	/** GET path?query, leaving out parameters whose value is null. */
	Answer get(String path, Map<String, ?> query) throws Unreachable {
		StringJoiner params = new StringJoiner("&", "?", "").setEmptyValue("");
		query.forEach((name, value) -> {
			if (value != null) {
				params.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
			}
		});
		return send(request(path + params).GET());
	}

	/** POST path with a body of the given type, or with none when the type is null. */
	Answer post(String path, String contentType, byte[] body) throws Unreachable {
		HttpRequest.Builder request = request(path);
		if (contentType == null) {
			return send(request.POST(HttpRequest.BodyPublishers.noBody()));
		}
		return send(request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/** One path segment, percent-encoded: an id is data, never more path. */
	static String segment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(timeout)
			.header("Accept", "application/json, application/problem+json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

	private Answer send(HttpRequest.Builder request) throws Unreachable {
		HttpResponse<byte[]> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpConnectTimeoutException e) {
			throw new Unreachable(base, "no connection within " + waited(), e);
		}
		catch (HttpTimeoutException e) {
			throw new Unreachable(base, "no answer within " + waited(), e);
		}
		catch (IOException e) {
			throw new Unreachable(base, reason(e), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new Unreachable(base, "interrupted", e);
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		return new Answer(response.statusCode(), contentType, response.body(), json(contentType, response.body()));
	}

	private String waited() {
		return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
	}

	private static JsonNode json(String contentType, byte[] body) {
		if (!contentType.toLowerCase(Locale.ROOT).contains("json") || body.length == 0) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (IOException e) {
			// said JSON but is not: shown raw like any other body that is not JSON
			return null;
		}
	}

	/**
	 * The JDK's client often wraps the useful message a level or two down, and for a
	 * refused connection gives none.
	 */
	private static String reason(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof UnresolvedAddressException) {
				return "unknown host";
			}
			if (t.getMessage() != null && !t.getMessage().isBlank()) {
				return t.getMessage();
			}
		}
		return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
	}

}
