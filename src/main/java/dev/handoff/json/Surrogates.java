package dev.handoff.json;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds text that is not Unicode: a lone surrogate written as an escape
 * ({@code "\ud800"}) is valid JSON syntax but no character, and no tool downstream can
 * store or show it faithfully.
 */
public final class Surrogates {

	private Surrogates() {
	}

	/**
	 * The pointer of the first string or key holding a lone surrogate, or null when there
	 * is none.
	 */
	public static String firstUnpaired(JsonNode node) {
		return find(node);
	}

	/**
	 * The pointer below {@code node}; built only on the way back from a find, so a clean
	 * message allocates nothing.
	 */
	private static String find(JsonNode node) {
		if (node.isTextual()) {
			return broken(node.textValue()) ? "" : null;
		}
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				if (broken(e.getKey())) {
					return "/" + escape(e.getKey());
				}
				String found = find(e.getValue());
				if (found != null) {
					return "/" + escape(e.getKey()) + found;
				}
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				String found = find(node.get(i));
				if (found != null) {
					return "/" + i + found;
				}
			}
		}
		return null;
	}

	private static String escape(String key) {
		return key.replace("~", "~0").replace("/", "~1");
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
