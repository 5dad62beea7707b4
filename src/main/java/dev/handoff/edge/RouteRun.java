package dev.handoff.edge;

import dev.handoff.delivery.DeliveryOptions;
import dev.handoff.guard.Verdict;
import org.apache.camel.Exchange;

/**
 * A stored message run through its edge's route again (a replay): the route's own steps
 * shape it, and a {@code choice} picks the accept, exactly as for a live message; but the
 * guard and the accept report here instead of storing and answering, so that the replay
 * stores the outcome in its own transaction.
 */
final class RouteRun {

	static final String PROPERTY = "handoff.routeRun";

	private final byte[] payload;

	private Verdict verdict;

	private boolean reachedAccept;

	private String deliverTo;

	private byte[] outgoing;

	private DeliveryOptions options = DeliveryOptions.POST;

	RouteRun(byte[] payload) {
		this.payload = payload;
	}

	/** The run an exchange belongs to, or null for a live message. */
	static RouteRun of(Exchange exchange) {
		return exchange.getProperty(PROPERTY, RouteRun.class);
	}

	byte[] payload() {
		return payload;
	}

	void judged(Verdict verdict) {
		this.verdict = verdict;
	}

	void accepted(String deliverTo, DeliveryOptions options, byte[] outgoing) {
		this.reachedAccept = true;
		this.options = options;
		this.deliverTo = deliverTo;
		this.outgoing = outgoing;
	}

	/** The guard's verdict; null when the route failed before its guard. */
	Verdict verdict() {
		return verdict;
	}

	boolean reachedAccept() {
		return reachedAccept;
	}

	/** The target of the accept the route reached; null where it delivers nowhere. */
	String deliverTo() {
		return deliverTo;
	}

	/** How the accept's target is called. */
	DeliveryOptions options() {
		return options;
	}

	/** What the route made of the accepted message: what is stored for the tool. */
	byte[] outgoing() {
		return outgoing;
	}

}
