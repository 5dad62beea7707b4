package dev.handoff.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.json.OrgJson;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.ConstSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NotSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Validates a message with Everit and turns every failing keyword into a
 * {@code schema:<keyword>} violation worded by {@link PlainWords}, with Everit's own text
 * kept as its detail.
 */
final class SchemaCheck {

	private static final Pattern REQUIRED = Pattern.compile("^required key \\[(.*)] not found$");

	private static final Pattern EXTRANEOUS = Pattern.compile("^extraneous key \\[(.*)] is not permitted$");

	private static final Pattern DEPENDENCY = Pattern.compile("^property \\[(.*)] is required$");

	private static final Pattern TYPE = Pattern.compile("^expected type: (\\w+), found: (\\w+)$");

	/** A null schema says it differently: "expected: null, found: String". */
	private static final Pattern NULL_TYPE = Pattern.compile("^expected: null, found: (\\w+)$");

	private static final Pattern MATCHED_SEVERAL = Pattern.compile("([2-9]|\\d{2,}) subschemas matched instead of one");

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
			new Reading(schema, message).leaves(e, violations);
		}
		return violations;
	}

	/**
	 * One message's failures against one contract: the contract is where each field's
	 * title and message are found.
	 */
	private final class Reading {

		private final Schema contract;

		private final JsonNode message;

		Reading(Schema contract, JsonNode message) {
			this.contract = contract;
			this.message = message;
		}

		void leaves(ValidationException e, List<Violation> out) {
			SchemaKeyword keyword = SchemaKeyword.of(e.getKeyword());
			if (keyword == SchemaKeyword.ANY_OF || keyword == SchemaKeyword.ONE_OF) {
				// each branch failed in its own way; the person fixing it needs what
				// would satisfy one, not every failure
				out.add(alternatives(e, keyword));
				return;
			}
			if (keyword == SchemaKeyword.NOT) {
				out.add(ruledOut(e));
				return;
			}
			if (!e.getCausingExceptions().isEmpty()) {
				e.getCausingExceptions().forEach(cause -> leaves(cause, out));
				return;
			}
			out.add(leaf(e, keyword));
		}

		private Violation leaf(ValidationException e, SchemaKeyword keyword) {
			String pointer = pointer(e);
			String text = e.getErrorMessage() == null ? "" : e.getErrorMessage();
			String rule = e.getKeyword() == null ? "invalid" : e.getKeyword();
			Matcher required = REQUIRED.matcher(text);
			Matcher extraneous = EXTRANEOUS.matcher(text);
			Matcher dependency = DEPENDENCY.matcher(text);
			if (required.matches() || dependency.matches()) {
				String at = child(pointer, required.matches() ? required.group(1) : dependency.group(1));
				return violation(at, rule, keyword, JSON.textNode("present"), null, e.getMessage());
			}
			if (extraneous.matches()) {
				String at = child(pointer, extraneous.group(1));
				return violation(at, rule, keyword, JSON.textNode("absent"), valueAt(message, at), e.getMessage());
			}
			JsonNode expected = expected(e, keyword, text);
			// Everit leaves some texts empty (const): the detail still says which rule
			// and what it wants
			String detail = text.isBlank() ? e.getMessage() + rule + (expected == null ? "" : " " + expected)
					: e.getMessage();
			return violation(pointer, rule, keyword, expected, valueAt(message, pointer), detail);
		}

		private Violation violation(String pointer, String rule, SchemaKeyword keyword, JsonNode expected,
				JsonNode actual, String detail) {
			String sentence = PlainWords.sentence(keyword, pointer, FieldNotes.of(contract, pointer), expected, actual);
			return Violations.schema(pointer, rule, sentence, expected, actual, detail);
		}

		/**
		 * An {@code anyOf} or {@code oneOf} no branch satisfied (or, for {@code oneOf},
		 * several did). When every branch only lacks fields, those are named ("needs
		 * either userId or anonymousId"); otherwise the closest branch is worded: the one
		 * whose value is at least of the right kind, with the fewest failures.
		 */
		private Violation alternatives(ValidationException e, SchemaKeyword keyword) {
			String pointer = pointer(e);
			FieldNotes notes = FieldNotes.of(contract, pointer);
			String detail = e.getMessage() + ": " + String.join("; ",
					e.getCausingExceptions().stream().flatMap(cause -> cause.getAllMessages().stream()).toList());
			String rule = e.getKeyword();
			JsonNode actual = pointer.isEmpty() ? null : valueAt(message, pointer);
			if (keyword == SchemaKeyword.ONE_OF && MATCHED_SEVERAL.matcher(e.getErrorMessage()).find()) {
				return Violations.schema(pointer, rule,
						PlainWords.fitsMoreThanOne(pointer, notes, requiredOfBranches(e.getViolatedSchema(), pointer)),
						null, actual, detail);
			}
			List<List<Violation>> branches = new ArrayList<>();
			for (ValidationException branch : inContractOrder(e)) {
				List<Violation> failures = new ArrayList<>();
				leaves(branch, failures);
				branches.add(failures);
			}
			List<List<String>> missing = missingPerBranch(branches, pointer);
			if (missing != null) {
				return Violations.schema(pointer, rule, PlainWords.needsOneOf(pointer, notes, missing), null, null,
						detail);
			}
			List<Violation> closest = branches.stream()
				.filter(b -> !b.isEmpty())
				.min(Comparator.comparingInt((List<Violation> b) -> wrongKindAt(b, pointer) ? 1 : 0)
					.thenComparingInt(List::size))
				.orElse(List.of());
			if (closest.isEmpty()) {
				return Violations.schema(pointer, rule, PlainWords.sentence(keyword, pointer, notes, null, actual),
						null, actual, detail);
			}
			// the closest branch's sentences already carry what the author wrote for its
			// fields
			String sentence = String.join("; ", closest.stream().map(Violation::message).distinct().toList());
			Violation only = closest.size() == 1 && closest.get(0).pointer().equals(pointer) ? closest.get(0) : null;
			return Violations.schema(pointer, rule, sentence, only == null ? null : only.expected(), actual, detail);
		}

		/**
		 * The failed branches in the order the contract lists them: Everit gathers them
		 * in no fixed order, and the sentence should read the same every time ("either
		 * userId or anonymousId").
		 */
		private List<ValidationException> inContractOrder(ValidationException e) {
			List<Schema> order = e.getViolatedSchema() instanceof CombinedSchema combined
					? List.copyOf(combined.getSubschemas()) : List.of();
			Comparator<ValidationException> byPlace = Comparator.comparingInt(cause -> {
				for (int i = 0; i < order.size(); i++) {
					if (order.get(i) == cause.getViolatedSchema()) {
						return i;
					}
				}
				return order.size();
			});
			return e.getCausingExceptions().stream().sorted(byPlace).toList();
		}

		/**
		 * Per branch, the names of the fields it lacks, when lacking fields here is all
		 * that is wrong with each; else null.
		 */
		private List<List<String>> missingPerBranch(List<List<Violation>> branches, String pointer) {
			List<List<String>> missing = new ArrayList<>();
			for (List<Violation> branch : branches) {
				if (branch.isEmpty() || !branch.stream().allMatch(v -> isMissingChildOf(v, pointer))) {
					return null;
				}
				missing.add(branch.stream().map(v -> name(v.pointer())).toList());
			}
			return missing.size() >= 2 ? missing : null;
		}

		private boolean isMissingChildOf(Violation v, String pointer) {
			return SchemaKeyword.of(v.rule()) == SchemaKeyword.REQUIRED
					&& v.pointer().lastIndexOf('/') == pointer.length() && v.pointer().startsWith(pointer);
		}

		/**
		 * The required fields of each branch of a oneOf, when every branch is an object
		 * that requires some; else none.
		 */
		private List<List<String>> requiredOfBranches(Schema violated, String pointer) {
			if (!(violated instanceof CombinedSchema combined)) {
				return List.of();
			}
			List<List<String>> fields = new ArrayList<>();
			for (Schema branch : combined.getSubschemas()) {
				if (!(branch instanceof ObjectSchema object) || object.getRequiredProperties().isEmpty()) {
					return List.of();
				}
				fields.add(object.getRequiredProperties().stream().map(key -> name(child(pointer, key))).toList());
			}
			return fields;
		}

		private Violation ruledOut(ValidationException e) {
			String pointer = pointer(e);
			JsonNode values = null;
			List<String> fields = List.of();
			if (e.getViolatedSchema() instanceof NotSchema not) {
				Schema forbidden = not.getMustNotMatch();
				if (forbidden instanceof ConstSchema constSchema) {
					values = mapper.valueToTree(List.of(plain(constSchema.getPermittedValue())));
				}
				else if (forbidden instanceof EnumSchema enumSchema) {
					values = mapper
						.valueToTree(enumSchema.getPossibleValuesAsList().stream().map(SchemaCheck::plain).toList());
				}
				else if (forbidden instanceof ObjectSchema object && object.getPropertySchemas().isEmpty()) {
					fields = object.getRequiredProperties().stream().map(key -> name(child(pointer, key))).toList();
				}
			}
			JsonNode actual = pointer.isEmpty() ? null : valueAt(message, pointer);
			return Violations.schema(pointer, e.getKeyword(),
					PlainWords.ruledOut(pointer, FieldNotes.of(contract, pointer), values, fields), null, actual,
					e.getMessage());
		}

		/** A field named among its neighbours: its title, else its key. */
		private String name(String pointer) {
			String key = pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
			return PlainWords.name(key, FieldNotes.of(contract, pointer));
		}

		private boolean wrongKindAt(List<Violation> branch, String pointer) {
			return branch.stream()
				.anyMatch(v -> SchemaKeyword.of(v.rule()) == SchemaKeyword.TYPE && v.pointer().equals(pointer));
		}

	}

	/**
	 * What the keyword asks for, when there is one thing to name. A pattern is no such
	 * thing: it is never shown to the person fixing the message, and stays in the
	 * violation's detail for engineers.
	 */
	private JsonNode expected(ValidationException e, SchemaKeyword keyword, String text) {
		Schema violated = e.getViolatedSchema();
		Matcher type = TYPE.matcher(text);
		if (type.matches()) {
			return JSON.textNode(PlainWords.jsonType(type.group(1)));
		}
		if (NULL_TYPE.matcher(text).matches()) {
			return JSON.textNode("null");
		}
		if (violated instanceof EnumSchema enumSchema) {
			return mapper.valueToTree(enumSchema.getPossibleValuesAsList().stream().map(SchemaCheck::plain).toList());
		}
		if (violated instanceof ConstSchema constSchema) {
			return mapper.valueToTree(plain(constSchema.getPermittedValue()));
		}
		if (violated instanceof StringSchema string) {
			return switch (keyword) {
				case MAX_LENGTH -> string.getMaxLength() == null ? null : JSON.numberNode(string.getMaxLength());
				case MIN_LENGTH -> string.getMinLength() == null ? null : JSON.numberNode(string.getMinLength());
				case FORMAT -> JSON.textNode(string.getFormatValidator().formatName());
				default -> null;
			};
		}
		if (violated instanceof NumberSchema number) {
			return switch (keyword) {
				case MINIMUM -> numberNode(number.getMinimum());
				case MAXIMUM -> numberNode(number.getMaximum());
				case EXCLUSIVE_MINIMUM -> numberNode(number.getExclusiveMinimumLimit());
				case EXCLUSIVE_MAXIMUM -> numberNode(number.getExclusiveMaximumLimit());
				case MULTIPLE_OF -> numberNode(number.getMultipleOf());
				default -> null;
			};
		}
		if (violated instanceof ArraySchema array) {
			return switch (keyword) {
				case MIN_ITEMS -> array.getMinItems() == null ? null : JSON.numberNode(array.getMinItems());
				case MAX_ITEMS -> array.getMaxItems() == null ? null : JSON.numberNode(array.getMaxItems());
				default -> null;
			};
		}
		if (violated instanceof ObjectSchema object) {
			return switch (keyword) {
				case MIN_PROPERTIES ->
					object.getMinProperties() == null ? null : JSON.numberNode(object.getMinProperties());
				case MAX_PROPERTIES ->
					object.getMaxProperties() == null ? null : JSON.numberNode(object.getMaxProperties());
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

	private static String pointer(ValidationException e) {
		return e.getPointerToViolation() == null ? "" : e.getPointerToViolation().replaceFirst("^#", "");
	}

	static JsonNode valueAt(JsonNode message, String pointer) {
		JsonNode value = message.at(JsonPointer.compile(pointer));
		return value.isMissingNode() ? null : value;
	}

	private static String child(String pointer, String key) {
		return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
	}

}
