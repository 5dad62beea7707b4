package dev.handoff.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How an http target is called, beyond its URL: the method, and whether the tool's answer
 * names something it made for the campaign (a page, a campaign) that later messages
 * update instead of making another.
 *
 * @param method {@code POST} (the default), {@code PUT} or {@code PATCH}
 * @param remember a JSON pointer into the tool's 2xx answer to the id of what it made
 * (WordPress {@code /id}); null when nothing is remembered
 * @param update the method of an update: once an id is remembered, the message goes to
 * {@code <target>/<id>} with it
 */
public record DeliveryOptions(String method, String remember, String update) {

	public static final DeliveryOptions POST = new DeliveryOptions("POST", null, null);

	private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

	/** Checked options; an error sentence names the option and what it takes. */
	public static DeliveryOptions of(String method, String remember, String update) {
		String m = method(method == null ? "POST" : method, "method");
		if (remember != null && !remember.startsWith("/")) {
			throw new IllegalArgumentException(
					"remember '" + remember + "' is not a JSON pointer into the tool's answer (like /id)");
		}
		if (update != null && remember == null) {
			throw new IllegalArgumentException(
					"update=" + update + " needs remember=<pointer to the id in the tool's answer>");
		}
		return new DeliveryOptions(m, remember,
				remember == null ? null : method(update == null ? m : update, "update"));
	}

	private static String method(String value, String option) {
		String upper = value.toUpperCase(Locale.ROOT);
		if (!METHODS.contains(upper)) {
			throw new IllegalArgumentException(
					option + "=" + value + " is not a method Handoff delivers with; use POST, PUT or PATCH");
		}
		return upper;
	}

	/** The form stored with an outbox entry; null for a plain POST. */
	public String stored() {
		if (equals(POST)) {
			return null;
		}
		Map<String, String> parts = new LinkedHashMap<>();
		parts.put("method", method);
		if (remember != null) {
			parts.put("remember", remember);
			parts.put("update", update);
		}
		StringBuilder out = new StringBuilder();
		parts.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
		return out.toString();
	}

	/** Read back from an outbox entry. */
	static DeliveryOptions parse(String stored) {
		if (stored == null || stored.isBlank()) {
			return POST;
		}
		Map<String, String> parts = new LinkedHashMap<>();
		for (String pair : stored.split("&")) {
			int eq = pair.indexOf('=');
			parts.put(pair.substring(0, eq), pair.substring(eq + 1));
		}
		return of(parts.get("method"), parts.get("remember"), parts.get("update"));
	}

	/**
	 * The call for one send: an update of what the tool made, when an id is remembered;
	 * else the target as it is.
	 */
	Call call(String target, String artifact) {
		if (remember == null || artifact == null) {
			return new Call(method, target);
		}
		String base = target.endsWith("/") ? target.substring(0, target.length() - 1) : target;
		return new Call(update, base + "/" + URLEncoder.encode(artifact, StandardCharsets.UTF_8).replace("+", "%20"));
	}

	/** A method and a URL. */
	record Call(String method, String url) {
	}
}
