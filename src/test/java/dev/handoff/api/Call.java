package dev.handoff.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One generated request: an operation of the document, filled in.
 *
 * @param operation the operation as the document names it ({@code GET /api/rejects/{id}})
 * @param method the HTTP method
 * @param path the path with its parameters in place, percent-encoded
 * @param query the query string, percent-encoded; empty for none
 * @param headers headers besides Content-Type
 * @param contentType null for none
 * @param body null for none
 * @param who which credential it carries ({@code admin}, {@code viewer}, {@code sender},
 * {@code none}, {@code wrong}): the value itself is never shown
 */
record Call(String operation, String method, String path, String query, Map<String, String> headers, String contentType,
		byte[] body, String who) {

	String target() {
		return query.isEmpty() ? path : path + "?" + query;
	}

	@Override
	public String toString() {
		String shown = body == null ? "no body" : new String(body, StandardCharsets.UTF_8);
		if (shown.length() > 300) {
			shown = shown.substring(0, 300) + "...";
		}
		return operation + ": " + method + " " + target() + " as " + who + ", Content-Type " + contentType
				+ ", headers " + headers.keySet() + ", " + shown;
	}
}
