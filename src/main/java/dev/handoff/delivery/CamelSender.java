package dev.handoff.delivery;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one outbox entry to a Camel endpoint that is not a plain http(s) URL: a
 * {@code direct:} delivery route of the user's own (which may call a tool several times),
 * {@code kafka:}, or any component on the classpath. The outbox's promises are kept the
 * same way as for http: the entry's id travels as {@code Idempotency-Key} (and as the
 * Kafka record key), an exception is a failed attempt to retry, and an http answer inside
 * a delivery route counts as that answer (a 4xx other than 408/429 is not retried,
 * {@code Retry-After} is honoured).
 */
@Component
class CamelSender {

	private static final int EXCERPT = 500;

	private final ProducerTemplate producer;

	private final TargetCredentials credentials;

	private final Signing signing;

	CamelSender(ProducerTemplate producer, TargetCredentials credentials, Signing signing) {
		this.producer = producer;
		this.credentials = credentials;
		this.signing = signing;
	}

	/** Whether Camel runs: it starts after the dispatcher and stops before it. */
	boolean ready() {
		return producer.getCamelContext().isStarted();
	}

	/**
	 * The outcome of one send. The edge's credentials travel as headers (Authorization or
	 * the API key's header), which Camel's http component sends on each call a delivery
	 * route makes; what comes back is scrubbed of every secret.
	 */
	HttpSender.Attempt send(OutboxEntry entry, String artifact) {
		Map<String, String> auth;
		try {
			auth = credentials.headers(entry.edge());
		}
		catch (TargetCredentials.Unavailable e) {
			return new HttpSender.Attempt(0, e.getMessage(), null);
		}
		Exchange result = producer.send(entry.target(), exchange -> {
			exchange.setProperty(DeliveryRoutes.EDGE, entry.edge());
			exchange.setProperty(DeliveryRoutes.CAMPAIGN, entry.campaign());
			exchange.setProperty(DeliveryRoutes.DELIVERY_ID, entry.id());
			if (artifact != null) {
				exchange.setProperty(DeliveryRoutes.ARTIFACT, artifact);
			}
			var message = exchange.getMessage();
			message.setBody(entry.payload());
			message.setHeader(Exchange.CONTENT_TYPE, "application/json");
			message.setHeader("Idempotency-Key", entry.id());
			if (entry.target().startsWith("kafka:")) {
				// the record key: a consumer that keeps the last record per key sees a
				// retry as the same message
				message.setHeader("kafka.KEY", entry.id());
			}
			auth.forEach(message::setHeader);
			signing.sign(message, entry.edge(), entry.id(), entry.payload());
		});
		Exception failure = result.getException();
		if (failure == null) {
			return new HttpSender.Attempt(200, "delivered to " + scheme(entry.target()), null);
		}
		HttpOperationFailedException answered = ObjectHelper.getException(HttpOperationFailedException.class, failure);
		if (answered != null) {
			String body = answered.getResponseBody() == null ? "" : answered.getResponseBody();
			String retryAfter = answered.getResponseHeaders() == null ? null
					: answered.getResponseHeaders().get("Retry-After");
			if (answered.getStatusCode() == 401) {
				// a token that ran out or was revoked: the next attempt fetches a new one
				credentials.rejected(entry.edge(), auth);
			}
			return new HttpSender.Attempt(answered.getStatusCode(), excerpt(body), HttpSender.retryAfter(retryAfter));
		}
		PrivateAddresses.Refused refused = ObjectHelper.getException(PrivateAddresses.Refused.class, failure);
		if (refused != null) {
			return new HttpSender.Attempt(-1, "not sent: " + refused.getMessage(), null);
		}
		return new HttpSender.Attempt(0, excerpt(failure.getClass().getSimpleName() + ": " + failure.getMessage()),
				null);
	}

	/**
	 * Scrubbed whole before it is cut, so no part of a secret survives at the cut; a
	 * Camel message names a URI by origin.
	 */
	private String excerpt(String text) {
		String clean = credentials.scrub(text == null ? "no detail" : text);
		return clean.length() > EXCERPT ? clean.substring(0, EXCERPT) : clean;
	}

	static String scheme(String target) {
		int colon = target.indexOf(':');
		return colon < 0 ? target : target.substring(0, colon + 1);
	}

}
