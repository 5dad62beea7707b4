package dev.handoff.inbound;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may send to an HTTP edge: the {@code inbound=} option of its {@code handoff:guard}
 * (or {@code handoff:batch}) step. An edge is closed unless its route says which kind of
 * credential opens it, or says {@code open}.
 */
public enum InboundKind {

	/** Anyone who can reach the edge; only ever because the route says so. */
	open,

	/**
	 * HTTP Basic: a user name and one of its passwords, or the user name alone (Segment
	 * sends its write key so).
	 */
	basic,

	/** {@code Authorization: Bearer <token>} with one of the edge's tokens. */
	bearer,

	/** One of the edge's keys, in a header the edge names. */
	api_key,

	/**
	 * Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp},
	 * {@code webhook-signature}.
	 */
	standard_webhooks,

	/**
	 * An HMAC signature in the tool's own scheme: Typeform, HubSpot v3, Shopify or one
	 * described in configuration.
	 */
	hmac,

	/**
	 * A Segment source's write key: the Basic user (HTTP Tracking API, most libraries) or
	 * the batch's writeKey (analytics-java).
	 */
	segment;

	private static final Pattern OPTION = Pattern.compile("[?&]inbound=([^&]*)");

	/** As a route and the configuration write it. */
	public String display() {
		return name().replace('_', '-');
	}

	/**
	 * True for the kinds whose proof may be in the body, so it can be checked only once
	 * the body is read.
	 */
	public boolean signsBody() {
		return this == standard_webhooks || this == hmac || this == segment;
	}

	/** The kind a route names, written as {@link #display()} shows it. */
	public static Optional<InboundKind> of(String text) {
		return Arrays.stream(values())
			.filter(k -> k.display().equals(text.trim().toLowerCase(Locale.ROOT)))
			.findFirst();
	}

	/**
	 * The {@code inbound=} option of a step's URI as written, or null when the step has
	 * none.
	 */
	public static String optionOf(String step) {
		Matcher option = OPTION.matcher(step);
		return option.find() ? option.group(1) : null;
	}

	/**
	 * Why an HTTP edge whose guard names no kind may not serve: it would take messages
	 * from anyone.
	 */
	public static String unsaid(String edge) {
		return edge
				+ " takes messages from anyone who can reach it: say inbound=basic|bearer|api-key|standard-webhooks|hmac|segment on its "
				+ "handoff:guard step, or inbound=open if that is meant";
	}

	/** Why a kind a route names is not one. */
	public static String unknown(String edge, String kind) {
		return edge + " says inbound=" + kind + ", which is not a kind: say one of "
				+ String.join(", ", Arrays.stream(values()).map(InboundKind::display).toList());
	}

}
