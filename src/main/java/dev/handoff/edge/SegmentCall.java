package dev.handoff.edge;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;

/**
 * Which call of Segment's HTTP Tracking API a request is: a single call by its last path
 * segment, else a batch.
 */
final class SegmentCall {

	/**
	 * The single calls, each one event of that type ({@code /v1/batch} and
	 * analytics-java's {@code /v1/import/} carry many).
	 */
	private static final Set<String> SINGLE = Set.of("track", "identify", "page", "screen", "group", "alias");

	private SegmentCall() {
	}

	/**
	 * The single call the request is ({@code track}, {@code identify}, ...), or null for
	 * a batch or a request not over HTTP.
	 */
	static String of(Exchange exchange) {
		HttpServletRequest request = exchange.getMessage()
			.getHeader("CamelHttpServletRequest", HttpServletRequest.class);
		if (request == null) {
			return null;
		}
		String path = request.getRequestURI();
		String last = path.substring(path.lastIndexOf('/', path.length() - 2) + 1).replace("/", "");
		return SINGLE.contains(last) ? last : null;
	}

}
