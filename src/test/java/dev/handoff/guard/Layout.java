package dev.handoff.guard;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON tree written as senders may write it: white space anywhere between tokens, and
 * now and then what Jackson would write otherwise (an escape it would not use, a
 * lower-case hex digit, {@code \/}, {@code -0}, a number with an exponent). Two in three
 * messages get none of the odd forms, so most of them can be spliced.
 */
final class Layout {

	private static final String[] SPACES = { "", "", "", " ", "\n  ", "\t", "\r\n", "  " };

	private static final String[] SHORT = { "b", "t", "n", null, "f", "r" };

	private final Random random;

	private final boolean odd;

	private final StringBuilder out = new StringBuilder();

	private Layout(Random random) {
		this.random = random;
		this.odd = random.nextInt(3) == 0;
	}

	static byte[] write(JsonNode node, Random random) {
		Layout layout = new Layout(random);
		layout.space();
		layout.value(node);
		layout.space();
		return layout.out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private boolean now() {
		return odd && random.nextInt(40) == 0;
	}

	private void space() {
		out.append(random.nextInt(3) == 0 ? SPACES[random.nextInt(SPACES.length)] : "");
	}

	private void value(JsonNode node) {
		if (node.isObject()) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				out.append(first ? "" : ",");
				first = false;
				space();
				string(property.getKey());
				space();
				out.append(':');
				space();
				value(property.getValue());
				space();
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				out.append(i == 0 ? "" : ",");
				space();
				value(node.get(i));
				space();
			}
			out.append(']');
		}
		else if (node.isTextual()) {
			string(node.textValue());
		}
		else if (node.isIntegralNumber()) {
			out.append(node.bigIntegerValue().signum() == 0 && now() ? "-0" : node.asText());
		}
		else if (node.isNumber()) {
			BigDecimal number = node.decimalValue();
			out.append(switch (random.nextInt(3)) {
				case 0 -> number.toPlainString();
				case 1 -> number.toString();
				default -> number.unscaledValue() + "e" + (-number.scale());
			});
		}
		else {
			out.append(node.asText());
		}
	}

	private void string(String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				out.append(now() ? unicode(c, true) : "\\" + c);
			}
			else if (c < 0x20) {
				String escape = c >= 8 && c <= 13 ? SHORT[c - 8] : null;
				out.append(escape != null && !now() ? "\\" + escape : unicode(c, !now()));
			}
			else if (c == '/' && now()) {
				out.append("\\/");
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
				// both halves of a pair escaped, or neither: a lone escaped half is
				// refused
				boolean escaped = now();
				boolean upper = random.nextInt(4) > 0;
				out.append(escaped ? unicode(c, upper) + unicode(text.charAt(++i), upper) : text.substring(i, ++i + 1));
			}
			else if ((c > 0x7E || Character.isLetter(c)) && now()) {
				out.append(unicode(c, random.nextBoolean()));
			}
			else {
				out.append(c);
			}
		}
		out.append('"');
	}

	private static String unicode(char c, boolean upper) {
		String hex = String.format("\\u%04x", (int) c);
		return upper ? "\\u" + hex.substring(2).toUpperCase() : hex;
	}

}
