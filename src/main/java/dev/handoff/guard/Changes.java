package dev.handoff.guard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * The pointers the guard generated or rewrote, as a tree of property names: what a
 * {@link Splice} walks down to. A value named by a pointer is written anew as a whole.
 */
final class Changes {

	private final Map<String, Changes> below = new HashMap<>(4);

	private boolean whole;

	private Changes() {
	}

	/** Null when a pointer names the whole message: then nothing is kept. */
	static Changes of(List<String> pointers) {
		Changes root = new Changes();
		for (String pointer : pointers) {
			JsonPointer rest = JsonPointer.compile(pointer);
			if (rest.matches()) {
				return null;
			}
			Changes node = root;
			for (; !rest.matches(); rest = rest.tail()) {
				node = node.below.computeIfAbsent(rest.getMatchingProperty(), name -> new Changes());
			}
			node.whole = true;
		}
		return root;
	}

	boolean whole() {
		return whole;
	}

	/** The changes under a property, or null when nothing under it changed. */
	Changes below(String name) {
		return below.get(name);
	}

}
