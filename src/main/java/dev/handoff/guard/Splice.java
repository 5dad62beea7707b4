package dev.handoff.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The forwarded message made from the received bytes instead of writing the whole tree
 * again: the values the guard generated or rewrote are written in their places, the
 * properties it added go at the end of their object (where the tree keeps them), white
 * space between tokens is left out, and every other byte is copied. That is byte for byte
 * what Jackson writes for the changed tree, because the copied bytes are checked to be
 * written as Jackson writes them. Where they are not (a number with a fraction or an
 * exponent, {@code -0}, an escape Jackson would not use, anything but UTF-8) there is no
 * splice and the caller writes the tree.
 */
final class Splice {

	private static final Unspliceable NO = new Unspliceable();

	private final byte[] in;

	private final ObjectMapper mapper;

	private byte[] out;

	/** Bytes written to {@link #out}. */
	private int size;

	/** The next byte of {@link #in} to read. */
	private int at;

	/** {@code in[copied, at)} is still to be copied. */
	private int copied;

	/** Reading a value that is written anew: nothing of it is copied. */
	private boolean dropping;

	private Splice(byte[] in, ObjectMapper mapper) {
		this.in = in;
		this.mapper = mapper;
		this.out = new byte[in.length + 128];
	}

	/**
	 * The received message with the changed tree's values at the changed pointers, or
	 * null when only writing the tree gives the bytes it would.
	 * @param message the tree as the guard left it, parsed from {@code received} by the
	 * same mapper and changed only at {@code pointers}
	 */
	static byte[] of(byte[] received, JsonNode message, List<String> pointers, ObjectMapper mapper) {
		Changes changes = Changes.of(pointers);
		if (changes == null || !(message instanceof ObjectNode object)) {
			return null;
		}
		try {
			return new Splice(received, mapper).root(changes, object);
		}
		catch (Unspliceable | IndexOutOfBoundsException e) {
			// running past the end would mean this scan and the parser disagree on
			// the bytes: writing the tree is always right
			return null;
		}
	}

	private byte[] root(Changes changes, ObjectNode message) {
		space();
		if (in[at] != '{') {
			throw NO;
		}
		object(changes, message);
		space();
		if (at != in.length) {
			throw NO;
		}
		flush(at);
		return Arrays.copyOf(out, size);
	}

	/** A value where something below it changed. */
	private void changed(Changes changes, JsonNode value) {
		if (changes.whole() || in[at] != '{' || !(value instanceof ObjectNode object)) {
			flush(at);
			dropping = true;
			if (in[at] == '"') {
				skipString();
			}
			else {
				any();
			}
			dropping = false;
			copied = at;
			write(value);
		}
		else {
			object(changes, object);
		}
	}

	/**
	 * An object on the way to a change. Its properties in the tree are the received ones
	 * in the received order, then the added ones: anything else is no splice.
	 */
	private void object(Changes changes, ObjectNode value) {
		Iterator<Map.Entry<String, JsonNode>> properties = value.properties().iterator();
		boolean first = true;
		at++;
		space();
		while (in[at] != '}') {
			String name = key();
			if (!properties.hasNext()) {
				throw NO;
			}
			Map.Entry<String, JsonNode> property = properties.next();
			if (!property.getKey().equals(name)) {
				throw NO;
			}
			space();
			expect(':');
			space();
			Changes below = changes.below(name);
			if (below == null) {
				any();
			}
			else {
				changed(below, property.getValue());
			}
			first = false;
			space();
			if (in[at] == ',') {
				at++;
				space();
			}
			else if (in[at] != '}') {
				throw NO;
			}
		}
		flush(at);
		while (properties.hasNext()) {
			Map.Entry<String, JsonNode> added = properties.next();
			if (!first) {
				write((byte) ',');
			}
			text(added.getKey());
			write((byte) ':');
			write(added.getValue());
			first = false;
		}
		at++;
	}

	/** A key on the way to a change, decoded. */
	private String key() {
		int start = at;
		string();
		for (int i = start + 1; i < at - 1; i++) {
			if (in[i] == '\\') {
				try {
					return mapper.readValue(in, start, at - start, String.class);
				}
				catch (IOException e) {
					throw NO;
				}
			}
		}
		return new String(in, start + 1, at - 2 - start, StandardCharsets.UTF_8);
	}

	/** Any value, checked to be written as Jackson writes it. */
	private void any() {
		switch (in[at]) {
			case '{' -> container('}');
			case '[' -> container(']');
			case '"' -> string();
			case 't', 'n' -> word(4);
			case 'f' -> word(5);
			default -> number();
		}
	}

	private void container(char close) {
		at++;
		space();
		while (in[at] != close) {
			if (close == '}') {
				string();
				space();
				expect(':');
				space();
			}
			any();
			space();
			if (in[at] == ',') {
				at++;
				space();
			}
			else if (in[at] != close) {
				throw NO;
			}
		}
		at++;
	}

	/** true, false or null: the parser has read which, and Jackson writes it the same. */
	private void word(int length) {
		at += length;
	}

	/**
	 * An integer is written as received except -0 (written 0); a fraction or exponent is
	 * a BigDecimal that Jackson writes its own way.
	 */
	private void number() {
		int start = at;
		if (in[at] == '-') {
			at++;
		}
		if (in[at] < '0' || in[at] > '9') {
			throw NO;
		}
		while (at < in.length && in[at] >= '0' && in[at] <= '9') {
			at++;
		}
		if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) {
			throw NO;
		}
		if (in[start] == '-' && at - start == 2 && in[start + 1] == '0') {
			throw NO;
		}
	}

	/**
	 * A string: raw UTF-8 and the escapes Jackson writes ({@code \" \\ \b \t \n \f \r},
	 * other control characters and surrogates as upper-case {@code \}{@code uXXXX}).
	 */
	private void string() {
		at++;
		for (;;) {
			byte b = in[at];
			if (b == '"') {
				at++;
				return;
			}
			if (b == '\\') {
				escape();
			}
			else if (b < 0) {
				utf8(b & 0xFF);
			}
			else if (b < 0x20) {
				throw NO;
			}
			else {
				at++;
			}
		}
	}

	/**
	 * A string written anew (a rewritten HTML body, say): only its end is looked for, not
	 * how it is written.
	 */
	private void skipString() {
		at++;
		while (in[at] != '"') {
			at += in[at] == '\\' ? 2 : 1;
		}
		at++;
	}

	private void escape() {
		switch (in[at + 1]) {
			case '"', '\\', 'b', 't', 'n', 'f', 'r' -> at += 2;
			case 'u' -> {
				int c = 0;
				for (int i = 2; i < 6; i++) {
					if (!upperHex(in[at + i])) {
						throw NO;
					}
					c = c * 16 + Character.digit(in[at + i], 16);
				}
				boolean control = c < 0x20 && c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r';
				if (!control && !Character.isSurrogate((char) c)) {
					throw NO;
				}
				at += 6;
			}
			default -> throw NO; // \/ is written as /
		}
	}

	private static boolean upperHex(byte b) {
		return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F');
	}

	/**
	 * One well-formed UTF-8 sequence (Unicode's table 3-7): no overlong form, no encoded
	 * surrogate, nothing past U+10FFFF; Jackson would write anything else otherwise. A
	 * character beyond U+FFFF is written as Jackson writes it: as its two surrogates,
	 * escaped.
	 */
	private void utf8(int lead) {
		int length;
		int low = 0x80;
		int high = 0xBF;
		if (lead >= 0xC2 && lead <= 0xDF) {
			length = 2;
		}
		else if (lead >= 0xE0 && lead <= 0xEF) {
			length = 3;
			low = lead == 0xE0 ? 0xA0 : 0x80;
			high = lead == 0xED ? 0x9F : 0xBF;
		}
		else if (lead >= 0xF0 && lead <= 0xF4) {
			length = 4;
			low = lead == 0xF0 ? 0x90 : 0x80;
			high = lead == 0xF4 ? 0x8F : 0xBF;
		}
		else {
			throw NO;
		}
		int second = in[at + 1] & 0xFF;
		if (second < low || second > high) {
			throw NO;
		}
		for (int i = 2; i < length; i++) {
			if ((in[at + i] & 0xC0) != 0x80) {
				throw NO;
			}
		}
		if (length == 4) {
			int code = (lead & 0x07) << 18 | (second & 0x3F) << 12 | (in[at + 2] & 0x3F) << 6 | (in[at + 3] & 0x3F);
			flush(at);
			escaped(Character.highSurrogate(code));
			escaped(Character.lowSurrogate(code));
			copied = at + length;
		}
		at += length;
	}

	/** A character as Jackson escapes it: backslash, u, four upper-case hex digits. */
	private void escaped(char c) {
		if (dropping) {
			return;
		}
		ensure(6);
		out[size++] = '\\';
		out[size++] = 'u';
		for (int shift = 12; shift >= 0; shift -= 4) {
			out[size++] = (byte) "0123456789ABCDEF".charAt((c >> shift) & 0xF);
		}
	}

	private void expect(char c) {
		if (in[at] != c) {
			throw NO;
		}
		at++;
	}

	/** White space between tokens: Jackson writes none, so it is not copied. */
	private void space() {
		int start = at;
		while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
			at++;
		}
		if (at > start) {
			flush(start);
			copied = at;
		}
	}

	/** Copies what is still to be copied up to {@code end}. */
	private void flush(int end) {
		int length = end - copied;
		if (length > 0 && !dropping) {
			ensure(length);
			System.arraycopy(in, copied, out, size, length);
			size += length;
		}
		copied = end;
	}

	/**
	 * A value as Jackson writes it: objects, arrays, strings, integers, booleans and null
	 * here, anything else (a BigDecimal, say) by Jackson itself, which costs more than
	 * the rest of the splice of a small message.
	 */
	private void write(JsonNode value) {
		if (value.isTextual()) {
			text(value.textValue());
		}
		else if (value.isObject()) {
			write((byte) '{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> property : value.properties()) {
				if (!first) {
					write((byte) ',');
				}
				text(property.getKey());
				write((byte) ':');
				write(property.getValue());
				first = false;
			}
			write((byte) '}');
		}
		else if (value.isArray()) {
			write((byte) '[');
			for (int i = 0; i < value.size(); i++) {
				if (i > 0) {
					write((byte) ',');
				}
				write(value.get(i));
			}
			write((byte) ']');
		}
		else if (value.isInt() || value.isLong() || value.isBoolean() || value.isNull()) {
			ascii(value.asText());
		}
		else {
			try {
				write(mapper.writeValueAsBytes(value));
			}
			catch (JsonProcessingException e) {
				throw new IllegalStateException("a parsed tree always serialises", e);
			}
		}
	}

	private void ascii(String text) {
		ensure(text.length());
		for (int i = 0; i < text.length(); i++) {
			out[size++] = (byte) text.charAt(i);
		}
	}

	/**
	 * A string as Jackson writes it: printable ASCII without quote or backslash as it is,
	 * anything else by Jackson itself.
	 */
	private void text(String text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
				try {
					write(mapper.writeValueAsBytes(text));
				}
				catch (JsonProcessingException e) {
					throw new IllegalStateException("a string always serialises", e);
				}
				return;
			}
		}
		ensure(length + 2);
		out[size++] = '"';
		for (int i = 0; i < length; i++) {
			out[size++] = (byte) text.charAt(i);
		}
		out[size++] = '"';
	}

	private void write(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, out, size, bytes.length);
		size += bytes.length;
	}

	private void write(byte b) {
		ensure(1);
		out[size++] = b;
	}

	private void ensure(int more) {
		if (size + more > out.length) {
			out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
		}
	}

	/** Thrown, without a stack trace, where the received bytes cannot be kept. */
	private static final class Unspliceable extends RuntimeException {

		private Unspliceable() {
			super(null, null, false, false);
		}

	}

}
