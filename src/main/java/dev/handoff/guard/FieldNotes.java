package dev.handoff.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.CombinedSchema;
import org.everit.json.schema.ConditionalSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;
import org.json.JSONArray;

/**
 * What a contract's author wrote about one field, for wording its violations: its
 * {@code title}, {@code description}, {@code x-handoff-message} and {@code examples}.
 * Each is null (examples empty) where the author wrote none.
 */
record FieldNotes(String title, String description, String message, List<String> examples) {

	/** The keyword a contract's author words a field's violations with. */
	static final String MESSAGE = "x-handoff-message";

	static final FieldNotes NONE = new FieldNotes(null, null, null, List.of());

	/**
	 * The notes on the field a pointer names, found by walking the compiled contract the
	 * way a message is validated: through properties and items, into every
	 * {@code allOf}/{@code anyOf}/{@code oneOf} branch, {@code then}/{@code else} and
	 * {@code $ref}. Where several schemas describe the field (a property and the
	 * definition it refers to), the first that says something wins, the property's own
	 * words before the definition's.
	 */
	static FieldNotes of(Schema root, String pointer) {
		List<Schema> at = List.of(root);
		if (pointer != null && !pointer.isEmpty()) {
			for (String token : pointer.substring(1).split("/", -1)) {
				String name = token.replace("~1", "/").replace("~0", "~");
				List<Schema> next = new ArrayList<>();
				for (Schema schema : spread(at)) {
					next.addAll(children(schema, name));
				}
				at = next;
			}
		}
		String title = null;
		String description = null;
		String message = null;
		List<String> examples = List.of();
		for (Schema schema : spread(at)) {
			title = title != null ? title : blankToNull(schema.getTitle());
			description = description != null ? description : blankToNull(schema.getDescription());
			if (message == null && schema.getUnprocessedProperties().get(MESSAGE) instanceof String text) {
				message = blankToNull(text);
			}
			if (examples.isEmpty()) {
				examples = texts(schema.getUnprocessedProperties().get("examples"));
			}
		}
		return new FieldNotes(title, description, message, examples);
	}

	/**
	 * The schemas themselves and everything they stand for: the target of a reference,
	 * each branch that applies.
	 */
	private static List<Schema> spread(List<Schema> schemas) {
		List<Schema> out = new ArrayList<>();
		Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		schemas.forEach(schema -> spread(schema, out, seen));
		return out;
	}

	private static void spread(Schema schema, List<Schema> out, Set<Schema> seen) {
		// a recursive $ref would otherwise lead round for ever
		if (schema == null || !seen.add(schema)) {
			return;
		}
		out.add(schema);
		if (schema instanceof ReferenceSchema reference) {
			spread(reference.getReferredSchema(), out, seen);
		}
		else if (schema instanceof CombinedSchema combined) {
			combined.getSubschemas().forEach(branch -> spread(branch, out, seen));
		}
		else if (schema instanceof ConditionalSchema conditional) {
			// "if" only tests the message; "then" and "else" describe it
			conditional.getThenSchema().ifPresent(then -> spread(then, out, seen));
			conditional.getElseSchema().ifPresent(otherwise -> spread(otherwise, out, seen));
		}
	}

	private static Collection<Schema> children(Schema schema, String name) {
		if (schema instanceof ObjectSchema object) {
			Schema property = object.getPropertySchemas().get(name);
			if (property != null) {
				return List.of(property);
			}
			return object.getSchemaOfAdditionalProperties() == null ? List.of()
					: List.of(object.getSchemaOfAdditionalProperties());
		}
		if (schema instanceof ArraySchema array && name.matches("\\d{1,9}")) {
			int index = Integer.parseInt(name);
			if (array.getAllItemSchema() != null) {
				return List.of(array.getAllItemSchema());
			}
			if (array.getItemSchemas() != null && index < array.getItemSchemas().size()) {
				return List.of(array.getItemSchemas().get(index));
			}
			return array.getSchemaOfAdditionalItems() == null ? List.of() : List.of(array.getSchemaOfAdditionalItems());
		}
		return List.of();
	}

	private static List<String> texts(Object examples) {
		Collection<?> values = examples instanceof JSONArray array ? array.toList()
				: examples instanceof Collection<?> list ? list : List.of();
		return values.stream()
			.filter(v -> v instanceof String || v instanceof Number || v instanceof Boolean)
			.map(String::valueOf)
			.toList();
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}
}
