package dev.handoff.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.dao.DataAccessException;

/**
 * Commits what an edge decided and answers the sender, once per idempotency key: the
 * outcome and the key are stored in one transaction, so of two sends with the same key
 * only one is stored and both get the first answer. The answer carries fresh headers
 * only: nothing the sender sent is echoed back.
 */
final class Outcomes {

	/**
	 * The idempotency key: a request attribute over HTTP, an exchange property on a route
	 * that is not HTTP (a polled record).
	 */
	static final String IDEMPOTENCY_KEY = "dev.handoff.edge.idempotencyKey";

	/**
	 * An exchange property holding a {@link Runnable} to store in the outcome's own
	 * transaction: a poll's memory that it took the record, which must be kept exactly
	 * when the outcome is.
	 */
	static final String STORED_WITH = "dev.handoff.edge.storedWith";

	private final GroupCommit commits;

	private final InboundKeys keys;

	private final ObjectMapper mapper;

	Outcomes(GroupCommit commits, InboundKeys keys, ObjectMapper mapper) {
		this.commits = commits;
		this.keys = keys;
		this.mapper = mapper;
	}

	/**
	 * Stores and answers; false when the key had already been answered and nothing was
	 * stored now.
	 */
	boolean commit(Exchange exchange, int status, Object answer, Runnable store) {
		byte[] body = write(answer);
		String edge = exchange.getFromRouteId();
		String key = key(exchange);
		Runnable alsoStore = exchange.getProperty(STORED_WITH, Runnable.class);
		try {
			commits.run(() -> {
				store.run();
				if (key != null) {
					keys.remember(edge, key, status, body);
				}
				if (alsoStore != null) {
					alsoStore.run();
				}
			});
		}
		catch (DataAccessException e) {
			// a concurrent send with the same key won the insert (H2 may say so as a lock
			// conflict, not a duplicate key)
			InboundKeys.Answer first = key == null ? null : keys.find(edge, key).orElse(null);
			if (first == null) {
				throw e;
			}
			respond(exchange, first.status(), first.body(), true, "application/json");
			return false;
		}
		respond(exchange, status, body, false, "application/json");
		return true;
	}

	private static String key(Exchange exchange) {
		HttpServletRequest request = exchange.getMessage()
			.getHeader("CamelHttpServletRequest", HttpServletRequest.class);
		return request != null ? (String) request.getAttribute(IDEMPOTENCY_KEY)
				: exchange.getProperty(IDEMPOTENCY_KEY, String.class);
	}

	static void respond(Exchange exchange, int status, byte[] body, boolean replayed, String contentType) {
		Message message = exchange.getMessage();
		message.removeHeaders("*");
		message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
		message.setHeader(Exchange.CONTENT_TYPE, contentType);
		if (replayed) {
			message.setHeader("Idempotent-Replayed", "true");
		}
		message.setBody(body);
	}

	private byte[] write(Object answer) {
		try {
			return mapper.writeValueAsBytes(answer);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("an edge answer always serialises", e);
		}
	}

}
