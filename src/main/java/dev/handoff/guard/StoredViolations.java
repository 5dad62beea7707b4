package dev.handoff.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Violations stored before plain wording, whose message is the validator's (or the
 * parser's) text: worded again with {@link PlainWords} when they are read, that text kept
 * as their detail, so that old rejects read like new ones wherever they are shown and no
 * stored row has to be migrated. The contract may have changed since, so only what the
 * violation itself holds is used.
 */
final class StoredViolations {

	/** A key the validator did not find, in its own words as old rejects stored them. */
	private static final Pattern MISSING_KEY = Pattern.compile("required key \\[([^\\]]*)] not found");

	/** Where the validator's text of one failure began: "#: " or "#/userId: ". */
	private static final Pattern CAUSE = Pattern.compile("#[^:]*: ");

	private static final Pattern MATCHED_SEVERAL = Pattern
		.compile("\\b([2-9]|\\d{2,}) subschemas matched instead of one");

	/**
	 * How a parse violation's message began before plain wording, followed by the
	 * parser's text.
	 */
	private static final String PARSE_PREFIX = "the message is not one well-formed JSON document: ";

	private StoredViolations() {
	}

	/**
	 * Whether a violation as read was stored before plain wording: a rule a library
	 * words, with no detail beside it.
	 */
	static boolean old(String rule, String detail) {
		return detail == null && rule != null && (rule.startsWith(Rules.SCHEMA_PREFIX) || rule.equals(Rules.PARSE));
	}

	/**
	 * The violation worded again; a pattern it stored as the expected value is dropped,
	 * since a pattern is never shown.
	 */
	static Violation reworded(Violation stored) {
		String old = stored.message() == null ? "" : stored.message();
		if (Rules.PARSE.equals(stored.rule())) {
			String problem = old.startsWith(PARSE_PREFIX) ? old.substring(PARSE_PREFIX.length()) : old;
			String location = stored.actual() != null && stored.actual().isTextual() ? stored.actual().textValue()
					: null;
			return new Violation(stored.pointer(), stored.rule(), PlainWords.parse(problem, location),
					stored.expected(), stored.actual(), old);
		}
		SchemaKeyword keyword = SchemaKeyword.of(stored.rule());
		JsonNode expected = stored.expected();
		if (keyword == SchemaKeyword.PATTERN) {
			expected = null;
		}
		else if (keyword == SchemaKeyword.TYPE && expected != null && expected.isTextual()) {
			// stored as Everit named it: "jsonobject"
			expected = TextNode.valueOf(PlainWords.jsonType(expected.textValue()));
		}
		boolean alternatives = keyword == SchemaKeyword.ANY_OF || keyword == SchemaKeyword.ONE_OF;
		String message = alternatives ? alternatives(stored.pointer(), keyword, old)
				: PlainWords.sentence(keyword, stored.pointer(), FieldNotes.NONE, expected, stored.actual());
		return new Violation(stored.pointer(), stored.rule(), message, expected, stored.actual(), old);
	}

	/**
	 * Old alternatives listed each branch's failure after a colon; when each only lacked
	 * a field, the fields are named.
	 */
	private static String alternatives(String pointer, SchemaKeyword keyword, String old) {
		if (MATCHED_SEVERAL.matcher(old).find()) {
			return PlainWords.fitsMoreThanOne(pointer, FieldNotes.NONE, List.of());
		}
		int colon = old.indexOf(": ", Math.max(0, old.indexOf("subschema")));
		List<String> causes = colon < 0 ? List.of()
				: List.of(CAUSE.matcher(old.substring(colon + 2)).replaceAll("").split("; "));
		List<List<String>> missing = new ArrayList<>();
		for (String cause : causes) {
			Matcher key = MISSING_KEY.matcher(cause.strip());
			if (!key.matches()) {
				return PlainWords.sentence(keyword, pointer, FieldNotes.NONE, null, null);
			}
			missing.add(List.of(key.group(1)));
		}
		return missing.size() >= 2 ? PlainWords.needsOneOf(pointer, FieldNotes.NONE, missing)
				: PlainWords.sentence(keyword, pointer, FieldNotes.NONE, null, null);
	}

}
