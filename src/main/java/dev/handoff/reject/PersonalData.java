package dev.handoff.reject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.guard.Violation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Hides personal data from readers who only view the queue: the values of configured
 * field names, at any depth, and anything that looks like an email address in text that
 * is not JSON.
 */
@Component
public class PersonalData {

	/** What a masked value reads as. */
	public static final String MASK = "•••";

	// deliberately loose: in text that is not JSON, better to hide too much than an
	// address
	private static final Pattern EMAIL = Pattern.compile("[^\\s\"'<>@,;:]+@[^\\s\"'<>@,;:]+\\.[^\\s\"'<>@,;:]+");

	private final Set<String> fields;

	private final ObjectMapper mapper;

	PersonalData(Properties properties, ObjectMapper mapper) {
		this.fields = Set.copyOf(properties.personalFields());
		this.mapper = mapper;
	}

	/**
	 * Review settings.
	 *
	 * @param personalFields field names whose values are personal data, masked for
	 * viewers wherever they appear
	 */
	@ConfigurationProperties("handoff.review")
	public record Properties(@DefaultValue( {
			"email", "userId", "anonymousId", "ip", "phone", "first_name", "last_name" }) List<String> personalFields){
	}

	/** The payload as text, with personal values replaced by {@link #MASK}. */
	public String mask(byte[] payload) {
		try {
			JsonNode tree = mapper.readTree(payload);
			if (tree != null && tree.isContainerNode()) {
				maskTree(tree);
				return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
			}
		}
		catch (java.io.IOException notJson) {
			// fall through to the text form
		}
		return EMAIL.matcher(new String(payload, StandardCharsets.UTF_8)).replaceAll(MASK);
	}

	/**
	 * The violations with expected and actual masked where the pointer ends in a personal
	 * field. The validator's detail quotes the value it judged ("string [u-1] does not
	 * match ..."), so there the value is masked in it as well.
	 */
	public List<Violation> mask(List<Violation> violations) {
		return violations.stream()
			.map(v -> personal(v.pointer()) ? new Violation(v.pointer(), v.rule(), maskText(v.message()),
					masked(v.expected()), masked(v.actual()), maskDetail(v.detail(), v.actual())) : v)
			.toList();
	}

	private String maskDetail(String detail, JsonNode actual) {
		if (detail == null) {
			return null;
		}
		String masked = actual != null && actual.isValueNode() && !actual.isNull() && !actual.asText().isEmpty()
				? detail.replace(actual.asText(), MASK) : detail;
		return maskText(masked);
	}

	public boolean personal(String pointer) {
		int slash = pointer.lastIndexOf('/');
		String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
		return fields.contains(last);
	}

	private String maskText(String text) {
		return text == null ? null : EMAIL.matcher(text).replaceAll(MASK);
	}

	private static JsonNode masked(JsonNode value) {
		return value == null || value.isNull() ? value : TextNode.valueOf(MASK);
	}

	private void maskTree(JsonNode node) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : object.properties()) {
				if (fields.contains(field.getKey()) && !field.getValue().isNull()) {
					field.setValue(TextNode.valueOf(MASK));
				}
				else {
					maskTree(field.getValue());
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(this::maskTree);
		}
	}

}
