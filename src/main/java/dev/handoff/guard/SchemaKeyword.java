package dev.handoff.guard;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The JSON Schema keywords a violation can name, as Everit reports them, so that the
 * wording is an exhaustive switch: a keyword added here cannot go unworded.
 * {@link #OTHER} is any keyword Everit may report that has no wording of its own.
 */
enum SchemaKeyword {

	REQUIRED("required"), ADDITIONAL_PROPERTIES("additionalProperties"), TYPE("type"), ENUM("enum"), CONST("const"),
	PATTERN("pattern"), FORMAT("format"), MIN_LENGTH("minLength"), MAX_LENGTH("maxLength"), MINIMUM("minimum"),
	MAXIMUM("maximum"), EXCLUSIVE_MINIMUM("exclusiveMinimum"), EXCLUSIVE_MAXIMUM("exclusiveMaximum"),
	MULTIPLE_OF("multipleOf"), MIN_ITEMS("minItems"), MAX_ITEMS("maxItems"), UNIQUE_ITEMS("uniqueItems"),
	CONTAINS("contains"), ADDITIONAL_ITEMS("additionalItems"), MIN_PROPERTIES("minProperties"),
	MAX_PROPERTIES("maxProperties"), DEPENDENCIES("dependencies"), ANY_OF("anyOf"), ONE_OF("oneOf"), NOT("not"),
	FALSE("false"), OTHER("");

	private static final Map<String, SchemaKeyword> BY_NAME = Arrays.stream(values())
		.filter(k -> k != OTHER)
		.collect(Collectors.toUnmodifiableMap(SchemaKeyword::keyword, Function.identity()));

	private final String keyword;

	SchemaKeyword(String keyword) {
		this.keyword = keyword;
	}

	String keyword() {
		return keyword;
	}

	/**
	 * The keyword of a rule name ({@code schema:pattern}) or of Everit's report
	 * ({@code pattern}).
	 */
	static SchemaKeyword of(String name) {
		if (name == null) {
			return OTHER;
		}
		String bare = name.startsWith(Rules.SCHEMA_PREFIX) ? name.substring(Rules.SCHEMA_PREFIX.length()) : name;
		return BY_NAME.getOrDefault(bare, OTHER);
	}

}
