package dev.handoff.api;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Every RFC 9457 problem Handoff answers with is built here, each with a stable type. */
public final class Problems {

	private static final String BASE = "https://handoff.dev/problems/";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + type));
		problem.setTitle(title);
		return problem;
	}

	public static ProblemDetail unknownEdge(String edge) {
		return of(HttpStatus.NOT_FOUND, "unknown-edge", "Unknown edge", "no route serves the edge '" + edge + "'");
	}

	public static ProblemDetail unsupportedMediaType(String contentType) {
		return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Messages must be JSON",
				"Content-Type is '" + contentType + "'; send application/json");
	}

	public static ProblemDetail unsupportedEncoding(String encoding) {
		return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding", "Compressed messages are not accepted",
				"Content-Encoding is '" + encoding + "'; send the JSON uncompressed");
	}

	public static ProblemDetail bodyTimeout() {
		return of(HttpStatus.REQUEST_TIMEOUT, "body-timeout", "The body did not arrive in time",
				"the connection went quiet before the whole body arrived; nothing was stored, send it again");
	}

	public static ProblemDetail tooLarge(String id, long limit, Long declared) {
		ProblemDetail problem = of(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Message too large",
				"this edge takes at most " + limit + " bytes"
						+ (declared == null ? "" : "; the request declared " + declared) + ". The first " + limit
						+ " bytes were stored as reject " + id);
		problem.setProperties(Map.of("id", id, "limit", limit));
		return problem;
	}

	public static ProblemDetail unsignedMessage(String why) {
		return of(HttpStatus.UNAUTHORIZED, "bad-signature", "Signature refused", why);
	}

	public static ProblemDetail unauthenticated(String why) {
		return of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Credentials refused", why);
	}

	/**
	 * Too large on an edge that checks a signature over the whole body: unread, the
	 * sender is unknown, so nothing is kept.
	 */
	public static ProblemDetail tooLargeUnsigned(long limit, Long declared) {
		ProblemDetail problem = of(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Message too large",
				"this edge takes at most " + limit + " bytes"
						+ (declared == null ? "" : "; the request declared " + declared)
						+ ". Its signature cannot be checked without the whole body, so nothing of it was stored");
		problem.setProperties(Map.of("limit", limit));
		return problem;
	}

	public static ProblemDetail unavailable() {
		return of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Storage unavailable",
				"the message was not accepted because it could not be stored; send it again after Retry-After seconds");
	}

	/**
	 * The edge's route file was applied again while the message arrived: nothing was
	 * stored, and sending again meets the route now in force.
	 */
	public static ProblemDetail edgeReloaded(String edge) {
		return of(HttpStatus.SERVICE_UNAVAILABLE, "edge-reloaded", "Edge reloaded", "the route of the edge '" + edge
				+ "' changed while this message arrived, so it was not accepted; send it again after Retry-After seconds");
	}

	/**
	 * A fault of the service; what went wrong is in its log, not told to the caller.
	 */
	public static ProblemDetail internal() {
		return of(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"the service failed to answer this request; the cause is in its log");
	}

	public static ProblemDetail notFound(String what, String id) {
		return of(HttpStatus.NOT_FOUND, "not-found", "Not found", "no " + what + " '" + id + "'");
	}

	public static ProblemDetail badRequest(String detail) {
		return of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail);
	}

}
