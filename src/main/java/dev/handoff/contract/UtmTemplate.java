package dev.handoff.contract;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A naming template such as {@code {slug(name)}-{lower(id)}}: literal text and
 * placeholders that read a truth field, optionally through one of a small fixed set of
 * pure functions. Nothing from a contract is ever executed; an unknown function or field
 * is refused when the taxonomy is loaded.
 */
public final class UtmTemplate {

	/** The functions a placeholder may apply; each is pure and total. */
	static final Map<String, Function<String, String>> FUNCTIONS = Map.of("slug", UtmTemplate::slug, "lower",
			s -> s.toLowerCase(Locale.ROOT), "upper", s -> s.toUpperCase(Locale.ROOT), "trim", String::strip);

	private static final Pattern PLACEHOLDER = Pattern
		.compile("\\{\\s*(?:([a-z]+)\\(\\s*([a-z_][a-z0-9_]*)\\s*\\)|([a-z_][a-z0-9_]*))\\s*}");

	private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");

	private static final Pattern EDGE_DASHES = Pattern.compile("^-+|-+$");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private final String source;

	private final List<Part> parts;

	private UtmTemplate(String source, List<Part> parts) {
		this.source = source;
		this.parts = parts;
	}

	/**
	 * Parses a template, checking every placeholder against the known functions and truth
	 * fields.
	 * @param problems receives one sentence per problem; the result is null when there
	 * are any
	 */
	public static UtmTemplate parse(String template, Set<String> truthFields, List<String> problems) {
		List<Part> parts = new ArrayList<>();
		Matcher m = PLACEHOLDER.matcher(template);
		int at = 0;
		int before = problems.size();
		while (m.find()) {
			literal(template.substring(at, m.start()), parts, problems);
			String function = m.group(1);
			String field = function != null ? m.group(2) : m.group(3);
			if (function != null && !FUNCTIONS.containsKey(function)) {
				problems.add("unknown function '" + function + "' in '" + m.group() + "' (known: "
						+ String.join(", ", FUNCTIONS.keySet().stream().sorted().toList()) + ")");
			}
			if (!truthFields.contains(field)) {
				problems
					.add("'" + m.group() + "' reads '" + field + "', which is not a truth field of the source contract "
							+ truthFields.stream().sorted().toList());
			}
			parts.add(new Part(null, field, function == null ? Function.identity() : FUNCTIONS.get(function)));
			at = m.end();
		}
		literal(template.substring(at), parts, problems);
		return problems.size() == before ? new UtmTemplate(template, List.copyOf(parts)) : null;
	}

	private static void literal(String text, List<Part> parts, List<String> problems) {
		if (text.contains("{") || text.contains("}")) {
			problems.add("'" + text + "' holds a brace that is not a placeholder like {field} or {slug(field)}");
		}
		if (!text.isEmpty()) {
			parts.add(new Part(text, null, null));
		}
	}

	/** Fills the template from truth fields; a missing field yields an empty string. */
	public String render(Map<String, String> truth) {
		StringBuilder out = new StringBuilder();
		for (Part part : parts) {
			if (part.literal() != null) {
				out.append(part.literal());
			}
			else {
				String value = truth.get(part.field());
				out.append(part.function().apply(value == null ? "" : value));
			}
		}
		return out.toString();
	}

	static String slug(String value) {
		String plain = MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFD)).replaceAll("");
		String slug = NON_SLUG.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-");
		return EDGE_DASHES.matcher(slug).replaceAll("");
	}

	/** The truth fields it reads. */
	public Set<String> fields() {
		Set<String> fields = new java.util.TreeSet<>();
		parts.stream().filter(p -> p.field() != null).forEach(p -> fields.add(p.field()));
		return fields;
	}

	@Override
	public String toString() {
		return source;
	}

	private record Part(String literal, String field, Function<String, String> function) {
	}

}
