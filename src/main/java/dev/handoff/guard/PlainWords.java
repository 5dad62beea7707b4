package dev.handoff.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.everit.json.schema.Schema;

/**
 * Every sentence for a violation that a library words first, in one place: Everit's
 * schema failures and Jackson's parse errors. The person who fixes the message does not
 * read JSON Schema, so a {@code schema:} violation gets a sentence about the field, never
 * about the validator. The field is named by the contract's {@code title} for it, else by
 * its path ("settings › reply_to"); what the author wrote for it
 * ({@code x-handoff-message}, else its {@code description}) follows as a second sentence.
 * A {@code pattern} is never shown: it is "not in the expected form", with the field's
 * {@code examples} when it has some. The library's own text stays with the violation as
 * its detail, for engineers. (Handoff's own rules are worded where they are made, in
 * {@link Violations}; {@link StoredViolations} words rejects stored before plain wording
 * again with these sentences.)
 */
public final class PlainWords {

	/**
	 * How many allowed values a sentence names before it says how many there are instead.
	 */
	private static final int LISTED = 10;

	/** Each format as a person names it, with an example of it. */
	private static final Map<String, Kind> FORMATS = Map.ofEntries(
			// no example address: everybody knows one, and a viewer would see it masked
			// as personal data
			Map.entry("email", new Kind("an email address", null)),
			Map.entry("idn-email", new Kind("an email address", null)),
			Map.entry("uri", new Kind("a full web address", "https://example.com/page")),
			Map.entry("iri", new Kind("a full web address", "https://example.com/page")),
			Map.entry("uri-reference", new Kind("a web address", "https://example.com/page or /page")),
			Map.entry("iri-reference", new Kind("a web address", "https://example.com/page or /page")),
			Map.entry("uri-template", new Kind("a web address template", "https://example.com/{id}")),
			Map.entry("date-time", new Kind("a date and time", "2027-03-01T09:30:00Z")),
			Map.entry("date", new Kind("a date", "2027-03-01")),
			Map.entry("time", new Kind("a time of day", "09:30:00Z")),
			Map.entry("hostname", new Kind("a host name", "shop.example.com")),
			Map.entry("idn-hostname", new Kind("a host name", "shop.example.com")),
			Map.entry("ipv4", new Kind("an IPv4 address", "203.0.113.7")),
			Map.entry("ipv6", new Kind("an IPv6 address", "2001:db8::7")),
			Map.entry("json-pointer", new Kind("a JSON pointer", "/settings/title")),
			Map.entry("relative-json-pointer", new Kind("a relative JSON pointer", "1/title")),
			Map.entry("regex", new Kind("a regular expression", null)));

	/** Each JSON type as a person names it. */
	private static final Map<String, String> TYPES = Map.of("string", "text", "integer", "a whole number", "number",
			"a number", "boolean", "true or false", "object", "a group of fields", "array", "a list", "null",
			"empty (null)");

	/**
	 * Everit names types by its Java classes ("JSONObject"); JSON Schema's names are what
	 * a violation carries.
	 */
	private static final Map<String, String> JSON_TYPES = Map.of("jsonobject", "object", "jsonarray", "array",
			"bigdecimal", "number", "biginteger", "integer", "long", "integer", "double", "number");

	/**
	 * The limit a Jackson stream constraint names: "... exceeds the maximum allowed (32,
	 * from ...)".
	 */
	private static final Pattern LIMIT = Pattern.compile("maximum allowed \\((\\d+)");

	private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'");

	/** A name for a kind of value and an example of one (null when none helps). */
	private record Kind(String name, String example) {
	}

	private PlainWords() {
	}

	/**
	 * The sentence for one failing keyword at a field.
	 * @param expected what the keyword asks for, as the violation carries it: the type,
	 * the allowed values, the constant, the format's name or the limit (null for the
	 * keywords that have none)
	 * @param actual what the message holds there (null when missing)
	 */
	static String sentence(SchemaKeyword keyword, String pointer, FieldNotes notes, JsonNode expected,
			JsonNode actual) {
		String field = label(pointer, notes);
		String statement = switch (keyword) {
			case REQUIRED -> field + " is missing";
			case DEPENDENCIES -> field + " is missing, and another field beside it needs it";
			case ADDITIONAL_PROPERTIES -> field + " is not a field the contract allows here: remove it";
			case FALSE -> field + " is not allowed here: remove it";
			case TYPE ->
				field + " must be " + typeName(expected) + (kindOf(actual) == null ? "" : ", not " + kindOf(actual));
			case ENUM -> field + oneOf(expected);
			case CONST -> field + " must be " + (expected == null || expected.isContainerNode()
					? "exactly what the contract sets" : value(expected));
			case PATTERN -> field + " is not in the expected form" + example(notes, null);
			case FORMAT -> field + " is not " + format(text(expected)) + example(notes, formatExample(text(expected)));
			case MIN_LENGTH -> minLength(field, number(expected), actual);
			case MAX_LENGTH -> counted(field, actual == null || !actual.isTextual() ? -1 : length(actual), "character",
					"may have at most", number(expected));
			case MINIMUM -> field + " must be at least " + number(expected);
			case MAXIMUM -> field + " must be at most " + number(expected);
			case EXCLUSIVE_MINIMUM -> field + " must be more than " + number(expected);
			case EXCLUSIVE_MAXIMUM -> field + " must be less than " + number(expected);
			case MULTIPLE_OF -> field + " must be a multiple of " + number(expected);
			case MIN_ITEMS -> counted(field, actual == null || !actual.isArray() ? -1 : actual.size(), "item",
					"needs at least", number(expected));
			case MAX_ITEMS -> counted(field, actual == null || !actual.isArray() ? -1 : actual.size(), "item",
					"may have at most", number(expected));
			case UNIQUE_ITEMS -> field + " lists the same item more than once";
			case CONTAINS -> field + " has no item of the kind the contract asks for";
			case ADDITIONAL_ITEMS -> field + " has more items than the contract allows";
			case MIN_PROPERTIES -> counted(field, actual == null || !actual.isObject() ? -1 : actual.size(), "field",
					"needs at least", number(expected));
			case MAX_PROPERTIES -> counted(field, actual == null || !actual.isObject() ? -1 : actual.size(), "field",
					"may have at most", number(expected));
			case NOT -> field + " has a value the contract rules out";
			case ANY_OF, ONE_OF -> field + " does not fit any of the forms the contract allows";
			case OTHER -> field + " does not fit the contract";
		};
		return withGuidance(statement, pointer, notes);
	}

	/**
	 * An {@code anyOf}/{@code oneOf} that no branch satisfied because each lacks fields:
	 * what would satisfy it, e.g. "The message needs either userId or anonymousId".
	 * @param alternatives per branch, the names of the fields it lacks
	 */
	static String needsOneOf(String pointer, FieldNotes notes, List<List<String>> alternatives) {
		List<String> each = alternatives.stream().map(names -> and(names)).distinct().toList();
		String statement = label(pointer, notes) + " needs "
				+ (each.size() == 1 ? each.get(0) : each.size() == 2 ? "either " + or(each) : "one of " + or(each));
		return withGuidance(statement, pointer, notes);
	}

	/**
	 * A {@code oneOf} that more than one branch satisfied; {@code alternatives} names
	 * each branch's fields when known.
	 */
	static String fitsMoreThanOne(String pointer, FieldNotes notes, List<List<String>> alternatives) {
		String field = label(pointer, notes);
		String statement = alternatives.isEmpty()
				? field + " fits more than one of the forms the contract allows, and must fit exactly one"
				: field + " must have " + (alternatives.size() == 2 ? "either " : "only one of ")
						+ or(alternatives.stream().map(PlainWords::and).toList()) + ", not more than one";
		return withGuidance(statement, pointer, notes);
	}

	/** A {@code not}: the values or the fields it rules out, when it names them. */
	static String ruledOut(String pointer, FieldNotes notes, JsonNode values, List<String> fields) {
		String field = label(pointer, notes);
		String statement = values != null && !values.isEmpty() ? field + " must not be " + or(values(values))
				: !fields.isEmpty() ? field + " must not have " + and(fields)
						: field + " has a value the contract rules out";
		return withGuidance(statement, pointer, notes);
	}

	/**
	 * Why the parser refused the message, from its text: said as what is wrong with the
	 * message, with the line and column when known. The parser's text itself is the
	 * violation's detail.
	 */
	public static String parse(String problem, String location) {
		String text = problem == null ? "" : problem;
		Matcher limit = LIMIT.matcher(text);
		String most = limit.find() ? limit.group(1) : null;
		Matcher duplicate = DUPLICATE.matcher(text);
		String sentence;
		if (duplicate.find()) {
			sentence = "the field \"" + duplicate.group(1)
					+ "\" is given twice in the same place: give it once, so that nobody has to guess which one counts";
		}
		else if (text.startsWith("Trailing token")) {
			sentence = "there is more after the end of the message: send one JSON document, not several";
		}
		else if (text.contains("nesting depth")) {
			sentence = "the message is nested more than " + most + " levels deep, deeper than this edge takes";
		}
		else if (text.startsWith("Number value length") || text.startsWith("Number length")) {
			sentence = "a number in the message has more than " + most + " digits";
		}
		else if (text.startsWith("Name length")) {
			sentence = "a field name in the message is longer than " + most + " characters";
		}
		else if (text.startsWith("String value length") || text.startsWith("String length")) {
			sentence = "a text in the message is longer than " + most + " characters";
		}
		else if (text.contains("UTF-8") || text.contains("UTF8")) {
			sentence = "the message is not UTF-8 text";
		}
		else if (text.startsWith("empty document")) {
			sentence = "the message is empty";
		}
		else if (text.contains("end-of-input")) {
			sentence = "the message ends before it is complete: a bracket, a brace or a quote is not closed";
		}
		else if (text.contains("Illegal unquoted character") || text.contains("control character")) {
			sentence = "a text in the message holds a line break or another control character without a backslash before it";
		}
		else {
			sentence = "the message is not JSON";
		}
		return location == null ? sentence : sentence + " (" + location + ")";
	}

	/**
	 * A type as JSON Schema names it, from Everit's name for it ("JSONObject" is
	 * "object").
	 */
	static String jsonType(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return JSON_TYPES.getOrDefault(lower, lower);
	}

	/**
	 * The name of a field among others of the object at {@code parent}: its title, else
	 * its key.
	 */
	static String name(String key, FieldNotes notes) {
		return notes.title() != null ? notes.title() : key;
	}

	/** A field as a violation names it: the contract's title for it, else its path. */
	static String field(Schema contract, String pointer) {
		return label(pointer, FieldNotes.of(contract, pointer));
	}

	/** A format as a person names it: "email" reads "an email address". */
	public static String format(String name) {
		Kind kind = name == null ? null : FORMATS.get(name);
		return kind != null ? kind.name() : "text in the " + name + " format";
	}

	/**
	 * The field's title where the author wrote one, else its path; the whole message when
	 * the pointer is "".
	 */
	static String label(String pointer, FieldNotes notes) {
		if (pointer == null || pointer.isEmpty()) {
			return "The message";
		}
		if (notes.title() != null) {
			return notes.title();
		}
		List<String> parts = new ArrayList<>();
		for (String part : pointer.substring(1).split("/", -1)) {
			parts.add(part.replace("~1", "/").replace("~0", "~"));
		}
		return String.join(" › ", parts);
	}

	/**
	 * What the author wrote for the field, as a second sentence: its
	 * {@code x-handoff-message}, else its description. The description of the whole
	 * message describes the contract, not a fix, so at the top only a message is used.
	 */
	private static String withGuidance(String statement, String pointer, FieldNotes notes) {
		boolean top = pointer == null || pointer.isEmpty();
		String guidance = notes.message() != null ? notes.message() : top ? null : notes.description();
		return guidance == null ? statement : statement + ". " + guidance;
	}

	private static String minLength(String field, String limit, JsonNode actual) {
		if ("1".equals(limit)) {
			return field + " must not be empty";
		}
		return counted(field, actual == null || !actual.isTextual() ? -1 : length(actual), "character",
				"needs at least", limit);
	}

	/**
	 * "x has 2 items; it needs at least 3", or without a count "x needs at least 3
	 * items".
	 */
	private static String counted(String field, int has, String unit, String rule, String limit) {
		String wanted = limit + " " + unit + ("1".equals(limit) ? "" : "s");
		return has < 0 ? field + " " + rule + " " + wanted
				: field + " has " + has + " " + unit + (has == 1 ? "" : "s") + "; it " + rule + " " + limit;
	}

	private static String oneOf(JsonNode allowed) {
		if (allowed == null || !allowed.isArray() || allowed.isEmpty()) {
			return " is not one of the values the contract allows";
		}
		if (allowed.size() == 1) {
			return " must be " + value(allowed.get(0));
		}
		return allowed.size() > LISTED ? " is not one of the " + allowed.size() + " values the contract allows"
				: " must be one of " + or(values(allowed));
	}

	private static String example(FieldNotes notes, String fallback) {
		String example = notes.examples().isEmpty() ? fallback : "\"" + notes.examples().get(0) + "\"";
		return example == null ? "" : " (for example " + example + ")";
	}

	private static String formatExample(String name) {
		Kind kind = name == null ? null : FORMATS.get(name);
		return kind == null || kind.example() == null ? null : kind.example();
	}

	private static String typeName(JsonNode expected) {
		String type = text(expected);
		return type == null ? "another kind of value" : TYPES.getOrDefault(type, type);
	}

	/** What kind of value a person sees: null when there is none to name. */
	private static String kindOf(JsonNode actual) {
		if (actual == null || actual.isMissingNode()) {
			return null;
		}
		if (actual.isTextual()) {
			return "text";
		}
		if (actual.isIntegralNumber()) {
			return "a whole number";
		}
		if (actual.isNumber()) {
			return "a decimal number";
		}
		if (actual.isBoolean()) {
			return "true or false";
		}
		if (actual.isNull()) {
			return "empty (null)";
		}
		return actual.isArray() ? "a list" : "a group of fields";
	}

	private static int length(JsonNode text) {
		return text.textValue().codePointCount(0, text.textValue().length());
	}

	private static String text(JsonNode node) {
		return node == null || node.isNull() ? null : node.asText();
	}

	private static String number(JsonNode node) {
		return node == null || node.isNull() ? "the contract's limit"
				: node.isNumber() ? node.numberValue().toString() : node.asText();
	}

	private static List<String> values(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach(v -> out.add(value(v)));
		return out;
	}

	/**
	 * A value as written in a sentence: text in quotes, so that "Email Opened" reads as
	 * one value.
	 */
	private static String value(JsonNode value) {
		return value.isTextual() ? "\"" + value.textValue() + "\"" : value.toString();
	}

	private static String or(List<String> items) {
		return join(items, " or ");
	}

	private static String and(List<String> items) {
		return join(items, " and ");
	}

	private static String join(List<String> items, String last) {
		if (items.size() <= 1) {
			return items.isEmpty() ? "" : items.get(0);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
	}

}
