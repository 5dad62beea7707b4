package dev.handoff.edge;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes an edge's answer: a fresh set of headers, so nothing the sender sent is echoed back. */
final class EdgeResponses {

	private EdgeResponses() {
	}

	static void json(Exchange exchange, ObjectMapper mapper, int status, Map<String, ?> body) {
		Message message = exchange.getMessage();
		message.removeHeaders("*");
		message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
		message.setHeader(Exchange.CONTENT_TYPE, "application/json");
		try {
			message.setBody(mapper.writeValueAsBytes(body));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("an edge answer always serialises", e);
		}
	}
}
