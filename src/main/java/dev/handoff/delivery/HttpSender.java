package dev.handoff.delivery;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.handoff.signature.WebhookSignature;
import org.springframework.stereotype.Component;

/**
 * Sends one outbox entry to its tool. Only the headers built here go out: nothing a
 * sender sent to Handoff (its auth, cookies, tracing) is ever forwarded; the edge's own
 * credentials come from {@link TargetCredentials}.
 */
@Component
class HttpSender {

	private static final int EXCERPT = 500;

	private final ToolClient client;

	private final DeliveryProperties properties;

	private final TargetCredentials credentials;

	HttpSender(DeliveryProperties properties, TargetCredentials credentials, ToolClient client) {
		this.properties = properties;
		this.credentials = credentials;
		this.client = client;
	}

	/**
	 * The answer, or a network failure as status 0. What it says is stored, logged and
	 * shown, so it names the tool by its origin only and holds no configured secret, even
	 * when the tool echoes the request.
	 */
	Attempt send(OutboxEntry entry) {
		return send(entry, new DeliveryOptions.Call("POST", entry.target()), null);
	}

	/**
	 * The answer to one call (method and URL); when {@code remember} is a pointer, the id
	 * at that pointer of a 2xx answer is returned as what the tool made (read from the
	 * whole answer, not from the excerpt kept for the record).
	 */
	Attempt send(OutboxEntry entry, DeliveryOptions.Call call, String remember) {
		// a webhook whose URL is its key is stored as a reference: the URL is had only
		// here, to send
		String url = credentials.resolve(call.url());
		if (url == null) {
			return new Attempt(-1, "not sent: the target it was queued for is no longer configured", null);
		}
		try {
			URI target = credentials.withQuery(entry.edge(), URI.create(url));
			Map<String, String> auth = credentials.headers(entry.edge());
			ToolClient.Answer response = exchange(entry, call.method(), target, auth);
			if (response.status() == 401 && credentials.renewable(entry.edge())) {
				// the token may have been revoked or have run out early: one new token,
				// one more send, in this attempt
				credentials.rejected(entry.edge(), auth);
				auth = credentials.headers(entry.edge());
				response = exchange(entry, call.method(), target, auth);
			}
			// scrubbed whole before it is cut, so no part of a secret survives at the cut
			String body = credentials.scrub(new String(response.body(), StandardCharsets.UTF_8));
			String made = remember != null && response.status() / 100 == 2 ? Answers.idAt(response.body(), remember)
					: null;
			return new Attempt(response.status(), body.length() > EXCERPT ? body.substring(0, EXCERPT) : body,
					retryAfter(response.retryAfter()), made);
		}
		catch (TargetCredentials.Unavailable e) {
			return new Attempt(0, e.getMessage(), null);
		}
		catch (PrivateAddresses.Refused e) {
			// decided on the very addresses the connection would have used
			return new Attempt(-1, "not sent: " + e.getMessage(), null);
		}
		catch (IOException e) {
			return new Attempt(0, e.getClass().getSimpleName() + ": " + shown(entry, e.getMessage()), null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Attempt(0, "interrupted while sending", null);
		}
	}

	private ToolClient.Answer exchange(OutboxEntry entry, String method, URI target, Map<String, String> auth)
			throws IOException, InterruptedException {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Idempotency-Key", entry.id());
		headers.put("User-Agent", "Handoff");
		headers.putAll(auth);
		String secret = properties.signingSecret(entry.edge());
		if (secret != null) {
			long now = Instant.now().getEpochSecond();
			headers.put("webhook-id", entry.id());
			headers.put("webhook-timestamp", Long.toString(now));
			headers.put("webhook-signature", WebhookSignature.sign(secret, entry.id(), now, entry.payload()));
		}
		return client.exchange(method, target, headers, entry.payload(), "application/json");
	}

	/**
	 * A network failure's message with the target cut to its origin and no secret in it;
	 * the JDK's rarely name either.
	 */
	private String shown(OutboxEntry entry, String message) {
		if (message == null) {
			return "no detail";
		}
		String target = entry.target();
		String withoutQuery = target.indexOf('?') < 0 ? target : target.substring(0, target.indexOf('?'));
		return credentials
			.scrub(message.replace(target, Targets.origin(target)).replace(withoutQuery, Targets.origin(target)));
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
				Duration wait = Duration.between(Instant.now(),
						ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	/**
	 * One try: status 0 means no answer came (connection refused, timeout), -1 that it
	 * was not sent at all; {@code made} is the id of what the tool made, when the target
	 * remembers one and the answer names it.
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
