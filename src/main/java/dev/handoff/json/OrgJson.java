package dev.handoff.json;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Converts a Jackson tree into the org.json values that Everit validates, without
 * printing and reparsing.
 */
public final class OrgJson {

	private OrgJson() {
	}

	public static Object from(JsonNode node) {
		return switch (node.getNodeType()) {
			case OBJECT -> {
				JSONObject object = new JSONObject();
				for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
					Map.Entry<String, JsonNode> e = it.next();
					object.put(e.getKey(), from(e.getValue()));
				}
				yield object;
			}
			case ARRAY -> {
				JSONArray array = new JSONArray();
				for (JsonNode item : node) {
					array.put(from(item));
				}
				yield array;
			}
			case STRING -> node.textValue();
			case NUMBER -> node.numberValue();
			case BOOLEAN -> node.booleanValue();
			default -> JSONObject.NULL;
		};
	}

}
