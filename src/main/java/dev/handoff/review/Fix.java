package dev.handoff.review;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * An obvious fix of one or more violations of a reject, offered to a person as a button
 * rather than an edit.
 *
 * @param number its place among the reject's fixes, from 1: how the page names it
 * @param kind what it does
 * @param pointer the field it changes
 * @param label what the button says, in plain words
 * @param violations the numbers (from 1, in the reject's order) of the violations it
 * clears
 * @param patch the RFC 6902 JSON Patch it is, applied to the payload as stored; it starts
 * with a {@code test} of the value it replaces, so it never applies to a message other
 * than the one judged
 */
public record Fix(int number, Kind kind, String pointer, String label, List<Integer> violations, ArrayNode patch) {

	/** What a fix does to its field. */
	public enum Kind {

		/** the value becomes the brief's (must-match) */
		USE_EXPECTED,
		/** the value goes, so Handoff generates it (generated-mismatch) */
		LEAVE_OUT,
		/** the field's owned links get the channel's UTM values (link-utm) */
		TAG_LINKS

	}
}
