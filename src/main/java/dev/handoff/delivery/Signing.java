package dev.handoff.delivery;

import java.time.Instant;

import dev.handoff.signature.WebhookSignature;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Signs what Handoff sends on an edge that has a {@code signing-secret}, the Standard
 * Webhooks way, whatever the target: the http client signs its request; a Camel target
 * gets the headers signed over the payload it is handed (a Kafka record's value, a
 * delivery route's body); and {@code handoff:sign} in a delivery route signs the body it
 * has made just before a call, since a route that reshapes the payload would otherwise
 * send a signature of something else.
 */
@Component
public class Signing implements Processor {

	private final DeliveryProperties properties;

	Signing(DeliveryProperties properties) {
		this.properties = properties;
	}

	/**
	 * Sets webhook-id, webhook-timestamp and webhook-signature for these bytes; nothing
	 * when the edge does not sign.
	 */
	void sign(Message message, String edge, String id, byte[] body) {
		String secret = properties.signingSecret(edge);
		if (secret == null) {
			return;
		}
		long now = Instant.now().getEpochSecond();
		message.setHeader("webhook-id", id);
		message.setHeader("webhook-timestamp", Long.toString(now));
		message.setHeader("webhook-signature", WebhookSignature.sign(secret, id, now, body));
	}

	/**
	 * {@code handoff:sign}: signs the current body under the delivery's id, for the call
	 * that follows.
	 */
	@Override
	public void process(Exchange exchange) {
		String edge = exchange.getProperty(DeliveryRoutes.EDGE, String.class);
		if (edge == null) {
			throw new IllegalStateException(
					"handoff:sign runs in a delivery route (deliverTo=direct:...), where Handoff says which edge's "
							+ "secret signs the message");
		}
		sign(exchange.getMessage(), edge, exchange.getProperty(DeliveryRoutes.DELIVERY_ID, String.class),
				exchange.getMessage().getBody(byte[].class));
	}

}
