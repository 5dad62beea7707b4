package dev.handoff.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import dev.handoff.signature.WebhookSignature;
import org.springframework.stereotype.Component;

/**
 * Sends one outbox entry to its tool. Only the headers built here go out: nothing a sender sent to
 * Handoff (its auth, cookies, tracing) is ever forwarded.
 */
@Component
class HttpSender {

	private static final int EXCERPT = 500;

	private final HttpClient client;

	private final Duration requestTimeout;

	private final DeliveryProperties properties;

	HttpSender(DeliveryProperties properties) {
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.requestTimeout = properties.requestTimeout();
	}

	/** The answer, or a network failure as status 0. */
	Attempt send(OutboxEntry entry) {
		return send(entry, new DeliveryOptions.Call("POST", entry.target()));
	}

	/** The answer to one call (method and URL), or a network failure as status 0. */
	Attempt send(OutboxEntry entry, DeliveryOptions.Call call) {
		return send(entry, call, null);
	}

	/**
	 * The answer to one call; when {@code remember} is a pointer, the id at that pointer of a 2xx answer is returned as
	 * what the tool made (read from the whole answer, not the excerpt kept for the record).
	 */
	Attempt send(OutboxEntry entry, DeliveryOptions.Call call, String remember) {
		String refused = TargetGuard.refusal(call.url(), properties.allowsPrivateTargets()).orElse(null);
		if (refused != null) {
			return new Attempt(-1, "not sent: " + refused, null);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(call.url()))
			.timeout(requestTimeout)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", entry.id())
			.header("User-Agent", "Handoff")
			.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(entry.payload()));
		String secret = properties.signingSecret(entry.edge());
		if (secret != null) {
			long now = Instant.now().getEpochSecond();
			request.header("webhook-id", entry.id())
				.header("webhook-timestamp", Long.toString(now))
				.header("webhook-signature", WebhookSignature.sign(secret, entry.id(), now, entry.payload()));
		}
		try {
			HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			String body = new String(response.body(), StandardCharsets.UTF_8);
			String made = remember != null && response.statusCode() / 100 == 2 ? Answers.idAt(response.body(), remember) : null;
			return new Attempt(response.statusCode(), body.length() > EXCERPT ? body.substring(0, EXCERPT) : body,
					retryAfter(response.headers().firstValue("Retry-After").orElse(null)), made);
		}
		catch (IOException e) {
			return new Attempt(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Attempt(0, "interrupted while sending", null);
		}
	}

	/** Retry-After is seconds or an HTTP date; anything else is ignored. */
	static Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(header.trim()));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Duration wait = Duration.between(Instant.now(), ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	/**
	 * One try: status 0 means no answer came (connection refused, timeout), -1 that it was not sent at all; {@code made}
	 * is the id of what the tool made, when the target remembers one and the answer names it.
	 */
	record Attempt(int status, String excerpt, Duration retryAfter, String made) {

		Attempt(int status, String excerpt, Duration retryAfter) {
			this(status, excerpt, retryAfter, null);
		}

		boolean delivered() {
			return status >= 200 && status < 300;
		}

		boolean retryable() {
			return status == 0 || status == 408 || status == 429 || status >= 500;
		}

		String outcome() {
			return status <= 0 ? excerpt : status + (excerpt.isBlank() ? "" : ": " + excerpt);
		}
	}
}
