package dev.handoff.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.json.OrgJson;
import org.everit.json.schema.ConstSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;
import org.json.JSONArray;
import org.json.JSONObject;

/** Validates a message with Everit and turns every failing keyword into a {@code schema:<keyword>} violation. */
final class SchemaCheck {

	private static final Pattern REQUIRED = Pattern.compile("^required key \\[(.*)] not found$");

	private static final Pattern EXTRANEOUS = Pattern.compile("^extraneous key \\[(.*)] is not permitted$");

	private static final Pattern TYPE = Pattern.compile("^expected type: (\\w+), found: (\\w+)$");

	private static final Set<String> ALTERNATIVES = Set.of("anyOf", "oneOf", "not");

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private final ObjectMapper mapper;

	SchemaCheck(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	List<Violation> check(Schema schema, JsonNode message) {
		List<Violation> violations = new ArrayList<>();
		try {
			schema.validate(OrgJson.from(message));
		}
		catch (ValidationException e) {
			leaves(e, message, violations);
		}
		return violations;
	}

	private void leaves(ValidationException e, JsonNode message, List<Violation> out) {
		if (e.getKeyword() != null && ALTERNATIVES.contains(e.getKeyword())) {
			// each alternative failed in its own way; the person fixing it needs the one rule that was broken
			String pointer = e.getPointerToViolation() == null ? "" : e.getPointerToViolation().replaceFirst("^#", "");
			out.add(Violations.schema(pointer, e.getKeyword(), e.getErrorMessage() + ": " + String.join("; ",
					e.getCausingExceptions().stream().map(ValidationException::getMessage).toList()), null, null));
			return;
		}
		if (!e.getCausingExceptions().isEmpty()) {
			e.getCausingExceptions().forEach(cause -> leaves(cause, message, out));
			return;
		}
		String pointer = e.getPointerToViolation() == null ? "" : e.getPointerToViolation().replaceFirst("^#", "");
		String keyword = e.getKeyword() == null ? "invalid" : e.getKeyword();
		String text = e.getErrorMessage();
		Matcher required = REQUIRED.matcher(text);
		Matcher extraneous = EXTRANEOUS.matcher(text);
		if (required.matches()) {
			out.add(Violations.schema(child(pointer, required.group(1)), keyword, "required property '" + required.group(1)
					+ "' is missing", JSON.textNode("present"), null));
			return;
		}
		if (extraneous.matches()) {
			String at = child(pointer, extraneous.group(1));
			out.add(Violations.schema(at, keyword, "property '" + extraneous.group(1) + "' is not allowed by the contract",
					JSON.textNode("absent"), valueAt(message, at)));
			return;
		}
		JsonNode expected = expected(e, keyword, text);
		if (text == null || text.isBlank()) {
			// Everit leaves some messages empty (const); say which rule and what it wants instead
			text = "breaks the contract's '" + keyword + "' rule" + (expected == null ? "" : ": expected " + expected);
		}
		out.add(Violations.schema(pointer, keyword, text, expected, valueAt(message, pointer)));
	}

	private JsonNode expected(ValidationException e, String keyword, String text) {
		Schema violated = e.getViolatedSchema();
		Matcher type = TYPE.matcher(text);
		if (type.matches()) {
			return JSON.textNode(type.group(1).toLowerCase(Locale.ROOT));
		}
		if (violated instanceof EnumSchema enumSchema) {
			return mapper.valueToTree(enumSchema.getPossibleValuesAsList().stream().map(SchemaCheck::plain).toList());
		}
		if (violated instanceof ConstSchema constSchema) {
			return mapper.valueToTree(plain(constSchema.getPermittedValue()));
		}
		if (violated instanceof StringSchema string) {
			return switch (keyword) {
				case "pattern" -> string.getPattern() == null ? null : JSON.textNode(string.getPattern().toString());
				case "maxLength" -> string.getMaxLength() == null ? null : JSON.numberNode(string.getMaxLength());
				case "minLength" -> string.getMinLength() == null ? null : JSON.numberNode(string.getMinLength());
				case "format" -> JSON.textNode(string.getFormatValidator().formatName());
				default -> null;
			};
		}
		if (violated instanceof NumberSchema number) {
			return switch (keyword) {
				case "minimum" -> numberNode(number.getMinimum());
				case "maximum" -> numberNode(number.getMaximum());
				case "exclusiveMinimum" -> numberNode(number.getExclusiveMinimumLimit());
				case "exclusiveMaximum" -> numberNode(number.getExclusiveMaximumLimit());
				case "multipleOf" -> numberNode(number.getMultipleOf());
				default -> null;
			};
		}
		return null;
	}

	private JsonNode numberNode(Number n) {
		return n == null ? null : mapper.valueToTree(n);
	}

	/** org.json values become plain Java values Jackson can write. */
	private static Object plain(Object value) {
		if (value instanceof JSONObject o) {
			return o.toMap();
		}
		if (value instanceof JSONArray a) {
			return a.toList();
		}
		return value == JSONObject.NULL ? null : value;
	}

	static JsonNode valueAt(JsonNode message, String pointer) {
		JsonNode value = message.at(JsonPointer.compile(pointer));
		return value.isMissingNode() ? null : value;
	}

	private static String child(String pointer, String key) {
		return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
	}
}
