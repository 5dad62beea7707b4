package dev.handoff.ui;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser reduced to plain HTTP: it keeps the session cookie and the last form
 * token it saw, and follows no redirects.
 */
final class UiClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private String csrf;

	UiClient(int port) {
		this.base = "http://localhost:" + port;
	}

	/** A client that opened the sign-in page and signed in with the token. */
	static UiClient signedIn(int port, String token) {
		UiClient client = new UiClient(port);
		client.get("/ui/login");
		HttpResponse<String> answer = client.post("/ui/login", Map.of("token", token));
		if (answer.statusCode() != 302) {
			throw new AssertionError(
					"signing in with " + token + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return client;
	}

	HttpResponse<String> get(String path) {
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
		Matcher token = CSRF.matcher(answer.body());
		if (token.find()) {
			csrf = token.group(1);
		}
		return answer;
	}

	/** Posts a form with the form token of the last page seen. */
	HttpResponse<String> post(String path, Map<String, String> fields) {
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.put("_csrf", csrf);
		return postWithoutToken(path, form);
	}

	/** Posts a form exactly as given: a forged form has no token. */
	HttpResponse<String> postWithoutToken(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	String csrf() {
		return csrf;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

}
