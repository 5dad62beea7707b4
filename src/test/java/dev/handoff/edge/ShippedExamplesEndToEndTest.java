package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import dev.handoff.lint.Example;
import dev.handoff.lint.Expectation;
import dev.handoff.lint.ShippedExampleWording;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in {@code contracts/examples/<edge>/} goes through the running service,
 * briefs first so that the other edges have truth; each must end as its file says, and
 * the tools must receive exactly the accepted messages, with their generated values, and
 * nothing else (nothing a gate holds).
 */
public class ShippedExamplesEndToEndTest extends EdgeTestSupport {

	private static final Path EXAMPLES = Path.of("contracts/examples");

	private static final int LIMIT = 1_048_576;

	/** Accepted downstream message id to the example it came from. */
	private final Map<String, Example> delivered = new LinkedHashMap<>();

	@TestFactory
	Stream<DynamicTest> everyShippedExampleEndsAsItSays() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Example example : examples()) {
			tests.add(DynamicTest.dynamicTest(example.name(), () -> run(example)));
		}
		tests.add(DynamicTest.dynamicTest("the tools received exactly the accepted messages",
				this::toolsReceivedExactlyTheAccepted));
		return tests.stream();
	}

	private void run(Example example) {
		byte[] body = example.body();
		HttpResponse<String> response = send(example.edge(), body);
		JsonNode answer = json(response);
		JsonNode expect = example.expect();
		boolean held = response.statusCode() == 202 && answer.path("status").asText().equals("held");
		boolean accepted = response.statusCode() == 202 && !held;
		String outcome = held ? "held" : accepted ? "accepted" : "rejected";
		assertThat(Expectation.differences(expect, outcome, answer.path("reason").asText(null),
				texts(answer.path("generated")), texts(answer.path("rewritten")),
				answer.has("violations") ? answer.get("violations") : storedViolations(answer)))
			.as(response.body())
			.isEmpty();
		if (held) {
			// held byte for byte as received, and never sent (the tools check below
			// counts only the accepted)
			String id = answer.get("id").asText();
			assertThat(jdbc.queryForObject("SELECT payload FROM held WHERE id = ?", byte[].class, id)).isEqualTo(body);
			assertThat(json(get("/api/held/" + id)).get("status").asText()).isEqualTo("held");
			return;
		}
		if (accepted) {
			assertThat(answer.get("outcome").asText()).isEqualTo("accepted");
			if (!example.edge().equals("brief-approved")) {
				delivered.put(answer.get("id").asText(), example);
			}
			return;
		}
		boolean tooLarge = texts(expect.get("rules")).contains("too-large");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(tooLarge ? 413 : 422);
		String id = answer.get("id").asText();
		JsonNode stored = json(get("/api/rejects/" + id));
		byte[] storedBytes = storedPayload(id);
		if (tooLarge) {
			assertThat(storedBytes).isEqualTo(Arrays.copyOf(body, LIMIT));
			assertThat(stored.get("declaredLength").asLong()).isEqualTo(body.length);
		}
		else {
			assertThat(storedBytes).as("stored byte for byte").isEqualTo(body);
			assertThat(Base64.getDecoder().decode(stored.get("payloadBase64").asText())).isEqualTo(body);
			assertThat(answer.get("violations")).isEqualTo(stored.get("violations"));
		}
		assertThat(stored.get("edge").asText()).isEqualTo(example.edge());
		assertThat(stored.get("status").asText()).isEqualTo("open");
		assertThat(stored.get("contractSha256").asText()).hasSize(64);
		// the service words them as the guard in memory does (handoff test), word for
		// word
		List<String> messages = new ArrayList<>();
		stored.get("violations").forEach(v -> messages.add(v.get("message").asText()));
		assertThat(messages).as(stored.get("violations").toString())
			.containsExactlyInAnyOrderElementsOf(ShippedExampleWording.MESSAGES.get(example.name()));
	}

	/** A 413 answer is a problem detail; its violations are in the stored reject. */
	private JsonNode storedViolations(JsonNode answer) {
		return answer.has("id") ? json(get("/api/rejects/" + answer.get("id").asText())).get("violations")
				: JSON.createArrayNode();
	}

	/**
	 * Every accepted example reached its tool under its delivery id, and nothing else
	 * did. What was accepted is the message as sent with only the generated and rewritten
	 * values changed; the route then shapes it into the tool's requests
	 * (MailchimpDeliveryTest and WordPressPagesTest say how).
	 */
	private void toolsReceivedExactlyTheAccepted() {
		assertThat(delivered).as("the examples accept something on each downstream edge")
			.hasSizeGreaterThanOrEqualTo(3);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(tools.findAll(anyRequestedFor(anyUrl())))
				.extracting(r -> r.getHeader("Idempotency-Key"))
				.containsAll(delivered.keySet()));
		List<LoggedRequest> received = tools.findAll(anyRequestedFor(anyUrl()));
		assertThat(received).extracting(r -> r.getHeader("Idempotency-Key")).allMatch(delivered::containsKey);
		delivered.forEach((id, example) -> {
			byte[] message = jdbc.queryForObject("SELECT COALESCE(message, payload) FROM outbox WHERE id = ?",
					byte[].class, id);
			JsonNode accepted = readTree(message);
			JsonNode sent = example.spec().get("message");
			List<String> changed = new ArrayList<>(texts(example.spec().get("expect").path("generated")));
			changed.addAll(texts(example.spec().get("expect").path("rewritten")));
			for (String pointer : changed) {
				assertThat(accepted.at(JsonPointer.compile(pointer)).isMissingNode()).as(pointer + " filled in")
					.isFalse();
			}
			assertThat(withoutPointers(accepted, changed)).as("everything else is accepted as sent")
				.isEqualTo(withoutPointers(sent, changed));
		});
	}

	private static JsonNode withoutPointers(JsonNode message, List<String> pointers) {
		JsonNode copy = message.deepCopy();
		for (String pointer : pointers) {
			JsonPointer p = JsonPointer.compile(pointer);
			JsonNode parent = copy.at(p.head());
			if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
				object.remove(p.last().getMatchingProperty());
				if (object.isEmpty() && !p.head().matches()) {
					((com.fasterxml.jackson.databind.node.ObjectNode) copy.at(p.head().head()))
						.remove(p.head().last().getMatchingProperty());
				}
			}
		}
		return copy;
	}

	static List<Example> examples() throws IOException {
		List<Example> examples = new ArrayList<>();
		List<Path> edges;
		try (Stream<Path> dirs = Files.list(EXAMPLES)) {
			// the brief establishes the truth the other edges are held against, so it
			// goes first
			edges = dirs.filter(Files::isDirectory)
				.sorted((a, b) -> a.endsWith("brief-approved") ? -1 : b.endsWith("brief-approved") ? 1 : a.compareTo(b))
				.toList();
		}
		for (Path edge : edges) {
			try (Stream<Path> files = Files.list(edge)) {
				for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
					examples.add(Example.read(file));
				}
			}
		}
		assertThat(examples).hasSizeGreaterThan(20);
		return examples;
	}

	private static List<String> texts(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(n.asText()));
		return out;
	}

	private static JsonNode readTree(byte[] body) {
		try {
			return JSON.readTree(body);
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

}
