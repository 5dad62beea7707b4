package dev.handoff.edge;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.camel.Exchange;
import org.apache.camel.NoTypeConversionAvailableException;

/**
 * What a route's steps made of a message, as the bytes Handoff judges, stores and sends.
 */
final class Bodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Bodies() {
	}

	/**
	 * The body as bytes: as they are, a string as UTF-8, what jq or unmarshal made (a
	 * tree, a map, a list) as JSON, and anything else as Camel converts it. A body that
	 * is none of these is a route error naming what it was.
	 */
	static byte[] bytes(Exchange exchange) {
		Object body = exchange.getMessage().getBody();
		try {
			if (body instanceof byte[] bytes) {
				return bytes;
			}
			if (body instanceof String text) {
				return text.getBytes(StandardCharsets.UTF_8);
			}
			if (body instanceof JsonNode || body instanceof Map<?, ?> || body instanceof Collection<?>) {
				return JSON.writeValueAsBytes(body);
			}
			return exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
		}
		catch (JsonProcessingException | NoTypeConversionAvailableException e) {
			throw new IllegalStateException("route " + exchange.getFromRouteId() + ": its steps made a "
					+ (body == null ? "null body" : body.getClass().getSimpleName())
					+ ", which is not a message Handoff can judge or send", e);
		}
	}

}
