package dev.handoff.guard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pointers the guard generated or rewrote, as a tree of property names: what a
 * {@link Splice} walks down to. A value named by a pointer is written anew as a whole.
 */
final class Changes {

	private final Map<String, Changes> below = new HashMap<>(4);

	private boolean whole;

	private Changes() {
	}

	/**
	 * Null when a pointer names the whole message: then nothing is kept. The pointers are
	 * split here rather than compiled by Jackson, which cost more than the rest of the
	 * splice of a small message.
	 */
	static Changes of(List<String> pointers) {
		Changes root = new Changes();
		for (String pointer : pointers) {
			if (pointer.isEmpty() || pointer.charAt(0) != '/') {
				return null;
			}
			Changes node = root;
			for (int start = 1;;) {
				int end = pointer.indexOf('/', start);
				String name = unescape(pointer.substring(start, end < 0 ? pointer.length() : end));
				node = node.below.computeIfAbsent(name, n -> new Changes());
				if (end < 0) {
					break;
				}
				start = end + 1;
			}
			node.whole = true;
		}
		return root;
	}

	/** A pointer's segment as the property name it stands for (RFC 6901: ~1 first). */
	private static String unescape(String segment) {
		return segment.indexOf('~') < 0 ? segment : segment.replace("~1", "/").replace("~0", "~");
	}

	boolean whole() {
		return whole;
	}

	/** The changes under a property, or null when nothing under it changed. */
	Changes below(String name) {
		return below.get(name);
	}

}
