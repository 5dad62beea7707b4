package dev.handoff.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.handoff.guard.Violation;
import dev.handoff.reject.PersonalData;
import org.junit.jupiter.api.Test;

/**
 * How the reject screen lays a payload out: each violation marked where it points,
 * nothing tidied away, nothing personal shown to a viewer.
 */
class PayloadLayoutTest {

	private final PayloadLayout layout = new PayloadLayout(personal());

	@Test
	void aViolationIsMarkedOnTheLineOfTheValueItPointsAt() {
		PayloadView view = layout.layout(
				bytes("{\"context\":{\"campaign\":{\"medium\":\"Email\",\"source\":\"mailchimp\"}}}"),
				List.of(violation("/context/campaign/medium")), false);
		assertThat(view.json()).isTrue();
		assertThat(marked(view)).containsExactly("/context/campaign/medium");
		PayloadView.Line line = view.lines().stream().filter(PayloadView.Line::marked).findFirst().orElseThrow();
		assertThat(line.key()).isEqualTo("\"medium\": ");
		assertThat(line.value()).isEqualTo("\"Email\"");
		assertThat(line.marks()).containsExactly(1);
		assertThat(line.depth()).isEqualTo(3);
	}

	@Test
	void aMissingFieldIsMarkedOnTheNearestObjectThatExists() {
		PayloadView view = layout.layout(bytes("{\"settings\":{\"title\":\"Spring\"},\"type\":\"rss\"}"),
				List.of(violation("/settings/subject_line"), violation("/type"), violation("/nothing/here/at/all")),
				false);
		assertThat(view.lines().stream().filter(PayloadView.Line::marked).map(l -> l.pointer() + "=" + l.marks()))
			.containsExactly("=[3]", "/settings=[1]", "/type=[2]");
	}

	@Test
	void pointersWithEscapedCharactersFindTheirField() {
		PayloadView view = layout.layout(bytes("{\"a/b\":{\"c~d\":1}}"), List.of(violation("/a~1b/c~0d")), false);
		assertThat(marked(view)).containsExactly("/a~1b/c~0d");
	}

	@Test
	void arrayItemsAreAddressedByTheirIndex() {
		PayloadView view = layout.layout(bytes("{\"batch\":[{\"e\":1},{\"e\":2}]}"), List.of(violation("/batch/1/e")),
				false);
		assertThat(marked(view)).containsExactly("/batch/1/e");
		assertThat(view.lines()).extracting(PayloadView.Line::value)
			.containsExactly("{", "[", "{", "1", "}", "{", "2", "}", "]", "}");
		assertThat(view.lines()).extracting(PayloadView.Line::comma)
			.containsExactly(false, false, false, false, true, false, false, false, false, false);
	}

	@Test
	void aPayloadWithADuplicateKeyIsShownAsItCameNotTidied() {
		String duplicate = "{\"medium\":\"email\",\"medium\":\"Email\"}";
		PayloadView view = layout.layout(bytes(duplicate),
				List.of(new Violation("", "parse", "duplicate key", null, null)), false);
		assertThat(view.json()).isFalse();
		assertThat(view.text()).isEqualTo(duplicate);
		assertThat(view.textMarks()).containsExactly(1);
		assertThat(layout.editable(bytes(duplicate))).as("the editor starts from the bytes too").isEqualTo(duplicate);
	}

	@Test
	void textThatIsNotJsonIsShownAsText() {
		PayloadView view = layout.layout(bytes("not json at all"), List.of(), false);
		assertThat(view.json()).isFalse();
		assertThat(view.text()).isEqualTo("not json at all");
	}

	@Test
	void aViewerSeesPersonalValuesMaskedWhereverTheyAre() {
		PayloadView view = layout.layout(
				bytes("{\"userId\":\"u-829361\",\"context\":{\"ip\":\"203.0.113.7\",\"page\":\"/x\"},\"email\":null}"),
				List.of(violation("/userId")), true);
		assertThat(view.lines()).extracting(PayloadView.Line::value)
			.doesNotContain("\"u-829361\"", "\"203.0.113.7\"")
			.contains("\"•••\"", "\"/x\"", "null");
		assertThat(view.lines().stream().filter(l -> "masked".equals(l.kind())).map(PayloadView.Line::pointer))
			.containsExactly("/userId", "/context/ip");
		assertThat(marked(view)).as("a masked value is still marked").containsExactly("/userId");
	}

	@Test
	void theEditorStartsFromThePayloadPrettyPrinted() {
		assertThat(layout.editable(bytes("{\"a\":{\"b\":1.50}}")))
			.isEqualTo("{\n  \"a\" : {\n    \"b\" : 1.50\n  }\n}");
	}

	private static List<String> marked(PayloadView view) {
		return view.lines().stream().filter(PayloadView.Line::marked).map(PayloadView.Line::pointer).toList();
	}

	private static Violation violation(String pointer) {
		return new Violation(pointer, "generated-mismatch", "must be generated", TextNode.valueOf("email"),
				TextNode.valueOf("Email"));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Personal data as the default configuration names it, by the last field of a
	 * pointer.
	 */
	private static PersonalData personal() {
		Set<String> fields = Set.of("email", "userId", "ip");
		PersonalData personal = mock(PersonalData.class);
		when(personal.personal(anyString())).thenAnswer(call -> {
			String pointer = call.getArgument(0);
			return fields.contains(pointer.substring(pointer.lastIndexOf('/') + 1));
		});
		when(personal.mask(org.mockito.ArgumentMatchers.any(byte[].class))).thenReturn("masked text");
		return personal;
	}

}
