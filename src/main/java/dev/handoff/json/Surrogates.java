package dev.handoff.json;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds text that is not Unicode: a lone surrogate written as an escape ({@code "\ud800"}) is valid JSON
 * syntax but no character, and no tool downstream can store or show it faithfully.
 */
public final class Surrogates {

	private Surrogates() {
	}

	/** The pointer of the first string or key holding a lone surrogate, or null when there is none. */
	public static String firstUnpaired(JsonNode node) {
		return find(node, "");
	}

	private static String find(JsonNode node, String at) {
		if (node.isTextual()) {
			return broken(node.textValue()) ? at : null;
		}
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
				if (broken(e.getKey())) {
					return child;
				}
				String found = find(e.getValue(), child);
				if (found != null) {
					return found;
				}
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				String found = find(node.get(i), at + "/" + i);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	static boolean broken(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return true;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
	}
}
