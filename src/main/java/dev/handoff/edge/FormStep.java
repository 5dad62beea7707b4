package dev.handoff.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * {@code handoff:form} before the guard: an {@code application/x-www-form-urlencoded}
 * body (Mailchimp's webhooks) read as the JSON object it stands for, with the bracket
 * nesting the tools use: {@code data[merges][FNAME]=Ann} is {@code {"data": {"merges":
 * {"FNAME": "Ann"}}}}, {@code tags[]=a&tags[]=b} an array. Values stay strings, as sent.
 * The edge's door takes form bodies only on a route that has this step; a reject keeps
 * the form as received.
 */
final class FormStep implements Processor {

	static final String URI = "handoff:form";

	@Override
	public void process(Exchange exchange) {
		// the bytes as the sender sent them: the servlet container may have taken a form
		// body apart as request parameters
		byte[] form = GuardStep.rawBody(exchange);
		exchange.getMessage().setBody(read(form == null ? "" : new String(form, StandardCharsets.UTF_8)));
	}

	static ObjectNode read(String form) {
		ObjectNode root = JsonNodeFactory.instance.objectNode();
		for (String pair : form.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			put(root, name, value);
		}
		return root;
	}

	/**
	 * Walks {@code a[b][]} down from the root, making objects and arrays on the way, and
	 * sets the value at the end.
	 */
	private static void put(ObjectNode root, String name, String value) {
		int open = name.indexOf('[');
		if (open <= 0 || !name.endsWith("]")) {
			root.put(name, value);
			return;
		}
		String[] keys = name.substring(open + 1, name.length() - 1).split("\\]\\[", -1);
		JsonNode node = root;
		String key = name.substring(0, open);
		for (String next : keys) {
			node = child(node, key, next.isEmpty());
			key = next;
		}
		if (node instanceof ArrayNode array) {
			array.add(value);
		}
		else if (node instanceof ObjectNode object) {
			object.put(key, value);
		}
	}

	/**
	 * The container under {@code key} (an array when the next key is {@code []}), made
	 * when missing.
	 */
	private static JsonNode child(JsonNode parent, String key, boolean array) {
		if (parent instanceof ArrayNode list) {
			JsonNode made = array ? list.addArray() : list.addObject();
			return made;
		}
		ObjectNode object = (ObjectNode) parent;
		JsonNode existing = object.get(key);
		if (existing != null && (array ? existing.isArray() : existing.isObject())) {
			return existing;
		}
		return array ? object.putArray(key) : object.putObject(key);
	}

}
