package dev.handoff.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.handoff.inbound.Refusal.Reason;
import dev.handoff.signature.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code inbound=standard-webhooks}: {@code webhook-signature} must hold a signature of
 * {@code id.timestamp.body} by one of the edge's {@code whsec_} secrets, and
 * {@code webhook-timestamp} be within the tolerance of now. The headers and the timestamp
 * are judged before the body is read; the signature once it is.
 */
final class StandardWebhooksVerifier implements Verifier {

	/**
	 * What the scheme's receivers conventionally answer with; there is no registered HTTP
	 * authentication scheme for it.
	 */
	private static final String CHALLENGE = "Standard-Webhooks";

	private final List<String> secrets;

	private final Duration tolerance;

	private final Clock clock;

	StandardWebhooksVerifier(List<String> secrets, Duration tolerance, Clock clock) {
		this.secrets = List.copyOf(secrets);
		this.tolerance = tolerance;
		this.clock = clock;
	}

	@Override
	public Optional<Refusal> headers(HttpServletRequest request) {
		String timestamp = request.getHeader("webhook-timestamp");
		if (request.getHeader("webhook-id") == null || timestamp == null
				|| request.getHeader("webhook-signature") == null) {
			return Refusal.signature(Reason.missing,
					"this edge needs Standard Webhooks headers webhook-id, webhook-timestamp and webhook-signature",
					CHALLENGE);
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.trim());
		}
		catch (NumberFormatException e) {
			return Refusal.signature(Reason.malformed, "webhook-timestamp must be seconds since the epoch", CHALLENGE);
		}
		long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
		if (skew > tolerance.toSeconds()) {
			return Refusal.signature(Reason.expired, "webhook-timestamp is " + skew + " s away from now; at most "
					+ tolerance.toSeconds() + " s is accepted", CHALLENGE);
		}
		return Optional.empty();
	}

	@Override
	public Optional<Refusal> body(HttpServletRequest request, byte[] body) {
		// the headers passed above; what is left to refuse is a signature that matches
		// none of the secrets
		return WebhookSignature
			.refusal(request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"),
					request.getHeader("webhook-signature"), body, secrets, tolerance, clock.instant())
			.flatMap(why -> Refusal.signature(Reason.wrong, why, CHALLENGE));
	}

	@Override
	public boolean needsBody() {
		return true;
	}

}
