package dev.handoff.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.handoff.EdgeTestSupport;
import dev.handoff.guard.Violation;
import dev.handoff.lint.Example;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/**
 * No violation a viewer reads, in the API's messages, on the reject page, the problems
 * page, the queue or the report, is in the validator's words or shows a contract's
 * pattern (unless the contract's author wrote it in a message): for every shipped example
 * that is rejected, and for rejects stored before plain wording. The validator's text is
 * still there for engineers, folded away on the reject page and as each violation's
 * detail in the API.
 */
class ViolationWordsForViewersTest extends EdgeTestSupport {

	private static final String VIEWER = "test-viewer-token";

	private static final Pattern DETAILS = Pattern.compile("(?s)<details\\b.*?</details>");

	private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

	@Autowired
	private RejectStore store;

	private final List<String> rejects = new ArrayList<>();

	private String legacy;

	@BeforeEach
	void rejectEveryShippedExampleAndKeepOneStoredBeforePlainWording() throws IOException {
		briefsApproved();
		try (Stream<Path> files = Files.walk(Path.of("contracts/examples"), 2)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				Example example = Example.read(file);
				if (example.expect().path("outcome").asText().equals("rejected")) {
					HttpResponse<String> answer = send(example.edge(), example.body());
					assertThat(answer.statusCode()).as(example.name()).isIn(413, 422);
					rejects.add(json(answer).get("id").asText());
				}
			}
		}
		// as the guard stored them before: the validator's text as the message, a pattern
		// as the expected value, no detail
		JsonNodeFactory node = JsonNodeFactory.instance;
		legacy = UUID.randomUUID().toString();
		store.insert(Reject.refusedInBatch(legacy, "tracking-event", "tracking-event", "0".repeat(64), "C-1001",
				bytes("{\"event\": \"Email Opened\"}"),
				List.of(new Violation("", "schema:anyOf",
						"#: no subschema matched out of the total 2 subschemas: #: required key [userId] not found; "
								+ "#: required key [anonymousId] not found",
						null, null),
						new Violation("/properties/campaign_id", "schema:pattern",
								"string [1001] does not match pattern ^C-[0-9]{4,8}$", node.textNode("^C-[0-9]{4,8}$"),
								node.textNode("1001")),
						new Violation("/event", "schema:required", "required property 'event' is missing",
								node.textNode("present"), null),
						new Violation("/properties", "schema:type", "expected type: JSONObject, found: String",
								node.textNode("jsonobject"), node.textNode("x")))));
		rejects.add(legacy);
	}

	/**
	 * The validator's words, and every pattern of the shipped contracts that no author
	 * wrote into a message.
	 */
	private static Set<String> forbidden() throws IOException {
		Set<String> words = new TreeSet<>(List.of("#:", "subschema", "required key [", "extraneous key [",
				"does not match pattern", "is not a valid enum value", "breaks the contract's", "jsonobject"));
		StringBuilder authored = new StringBuilder();
		try (Stream<Path> files = Files.list(Path.of("contracts"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).toList()) {
				JsonNode contract = JSON.readTree(file.toFile());
				contract.findValues("x-handoff-message").forEach(m -> authored.append(m.asText()).append('\n'));
				contract.findValues("pattern").stream().filter(JsonNode::isTextual).forEach(p -> words.add(p.asText()));
			}
		}
		words.removeIf(w -> authored.indexOf(w) >= 0);
		assertThat(words).as("the shipped contracts have patterns to look for")
			.contains("^[a-f0-9]{10}$", "^C-[0-9]{4,8}$");
		return words;
	}

	/**
	 * What a page shows before anyone opens a fold: its text without tags and without the
	 * engineers' details.
	 */
	private static String shown(String html) {
		return HtmlUtils.htmlUnescape(TAG.matcher(DETAILS.matcher(html).replaceAll("")).replaceAll(" "));
	}

	@Test
	void theApiMessagesAreInPlainWordsAndTheValidatorsTextIsTheDetail() throws IOException {
		Set<String> forbidden = forbidden();
		for (String id : rejects) {
			for (JsonNode v : json(get("/api/rejects/" + id, VIEWER)).get("violations")) {
				assertThat(v.get("message").asText()).as(v.toString()).doesNotContain(forbidden);
				if (v.get("rule").asText().startsWith("schema:") || v.get("rule").asText().equals("parse")) {
					assertThat(v.get("detail").asText()).as("kept for engineers: " + v).isNotBlank();
				}
			}
		}
		JsonNode old = json(get("/api/rejects/" + legacy, VIEWER)).get("violations");
		assertThat(old).extracting(v -> v.get("message").asText())
			.containsExactly("The message needs either userId or anonymousId",
					"properties › campaign_id is not in the expected form", "event is missing",
					"properties must be a group of fields, not text");
		assertThat(old.get(1).get("expected").isNull()).as("a stored pattern is no expected value to show").isTrue();
		assertThat(old.get(1).get("detail").asText()).isEqualTo("string [1001] does not match pattern ^C-[0-9]{4,8}$");
	}

	@Test
	void theRejectPageShowsPlainWordsAndFoldsTheValidatorsTextAway() throws IOException {
		Set<String> forbidden = forbidden();
		UiClient viewer = UiClient.signedIn(port, VIEWER);
		for (String id : rejects) {
			HttpResponse<String> page = viewer.get("/ui/rejects/" + id);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(shown(page.body())).as(id).doesNotContain(forbidden);
		}
		String listId = rejects.stream()
			.filter(id -> viewer.get("/ui/rejects/" + id).body().contains("recipients › list_id"))
			.findFirst()
			.orElseThrow();
		String page = viewer.get("/ui/rejects/" + listId).body();
		assertThat(page).contains("<details class=\"engineer\">");
		assertThat(DETAILS.matcher(page).results().map(m -> HtmlUtils.htmlUnescape(m.group())).toList())
			.anySatisfy(fold -> assertThat(fold).contains("schema:pattern",
					"string [Main list] does not match pattern ^[a-f0-9]{10}$"));
		assertThat(shown(viewer.get("/ui/rejects/" + legacy).body())).contains(
				"The message needs either userId or anonymousId",
				"properties › campaign_id is not in the expected form");
	}

	@Test
	void theProblemsTheQueueAndTheReportShowPlainWords() throws IOException {
		Set<String> forbidden = forbidden();
		UiClient viewer = UiClient.signedIn(port, VIEWER);
		for (String path : List.of("/ui", "/ui/rejects?status=open&size=100", "/ui/report?since=1d")) {
			HttpResponse<String> page = viewer.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(shown(page.body())).as(path).doesNotContain(forbidden);
		}
		assertThat(shown(viewer.get("/ui").body())).as("an old reject's cause reads in plain words too")
			.contains("The message needs either userId or anonymousId");
		JsonNode report = json(get("/api/report?since=1d", VIEWER));
		assertThat(report.get("topErrors")).isNotEmpty();
		report.get("topErrors")
			.forEach(e -> assertThat(e.path("message").asText()).as(e.toString()).doesNotContain(forbidden));
		assertThat(get("/api/report?since=1d&format=text", VIEWER).body()).doesNotContain(forbidden);
	}

}
