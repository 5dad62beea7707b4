package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import dev.handoff.guard.GuardProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An edge on a tool's own path (here Segment's {@code /v1/track}, not {@code /edges/...})
 * has the same door as every edge: who may send, content types, the size limit,
 * idempotency, rejects stored under its name and replayed.
 */
class EdgePathTest extends EdgeTestSupport {

	private static final String EDGE = "tracking-collector";

	@Autowired
	private EdgeRegistry edges;

	@Autowired
	private GuardProperties limits;

	@DynamicPropertySource
	static void collectorRoute(DynamicPropertyRegistry registry) throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		Files.writeString(routes.resolve("tracking-collector.yaml"), """
				- route:
				    id: tracking-collector
				    routeConfigurationId: handoff-edge
				    from:
				      uri: platform-http:/v1/track
				      parameters:
				        httpMethodRestrict: POST
				      steps:
				        - to: handoff:guard:tracking-event?maxBytes=32768&inbound=basic
				        - to: handoff:accept?deliverTo={{handoff.tools.tracking-url}}/v1/track
				""");
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
		registry.add("handoff.edges.inbound.tracking-collector.username", () -> WRITE_KEY);
	}

	@BeforeEach
	void campaigns() {
		briefsApproved();
	}

	@Test
	void isServedAtItsOwnPathUnderItsRouteId() {
		assertThat(edges.find(EDGE)).get().extracting(Edge::path).isEqualTo("/v1/track");
		HttpResponse<String> answer = send(EDGE, bytes(event("path-1")));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		String id = json(answer).get("id").asText();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !tools
				.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")).withHeader("Idempotency-Key",
						com.github.tomakehurst.wiremock.client.WireMock.equalTo(id)))
				.isEmpty());
		assertThat(jdbc.queryForObject("SELECT edge FROM outbox WHERE id = ?", String.class, id)).isEqualTo(EDGE);
		assertThat(sendTo("/edges/" + EDGE, bytes(event("path-2")), json(credentials(EDGE))).statusCode())
			.as("not under /edges/ as well")
			.isEqualTo(404);
	}

	@Test
	void refusesASenderWithoutTheWriteKeyAndStoresNothing() {
		int before = stored();
		HttpResponse<String> answer = sendWithoutCredentials(EDGE, bytes(event("path-3")));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
		assertThat(answer.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
		assertThat(stored()).as("rejects and outbox rows of the edge").isEqualTo(before);
	}

	@Test
	void refusesWhatIsNotJson() {
		int before = stored();
		HttpResponse<String> answer = send(EDGE, bytes("campaign=C-1001"), Map.of("Content-Type", "text/plain"));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void keepsTheFirstBytesOfAnOversizedBodyAsATooLargeRejectOfTheEdge() {
		byte[] huge = new byte[limits.maxBytes() + 10];
		java.util.Arrays.fill(huge, (byte) ' ');
		huge[0] = '{';

		HttpResponse<String> answer = send(EDGE, huge);

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
		String id = json(answer).get("id").asText();
		assertThat(jdbc.queryForObject("SELECT edge FROM reject WHERE id = ?", String.class, id)).isEqualTo(EDGE);
	}

	@Test
	void answersARetryWithTheFirstAnswerAndStoresItOnce() {
		byte[] body = bytes(event("path-4"));
		int before = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE edge = ?", Integer.class, EDGE);
		HttpResponse<String> first = send(EDGE, body,
				Map.of("Content-Type", "application/json", "Idempotency-Key", "retry-4"));
		HttpResponse<String> again = send(EDGE, body,
				Map.of("Content-Type", "application/json", "Idempotency-Key", "retry-4"));

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE edge = ?", Integer.class, EDGE))
			.isEqualTo(before + 1);
	}

	@Test
	void storesARejectUnderItsNameAndReplaysItThroughItsRoute() {
		ObjectNode bad = event("path-5");
		// a typed medium where the truth says "email"
		((ObjectNode) bad.get("context")).putObject("campaign").put("medium", "Email");

		HttpResponse<String> answer = send(EDGE, bytes(bad));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		String id = json(answer).get("id").asText();
		assertThat(jdbc.queryForObject("SELECT edge FROM reject WHERE id = ?", String.class, id)).isEqualTo(EDGE);
		HttpResponse<String> replayed = postApi("/api/rejects/" + id + "/replay", "test-operator-token",
				"application/json-patch+json",
				"[{\"op\": \"replace\", \"path\": \"/context/campaign/medium\", \"value\": \"email\"}]");
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(jdbc.queryForObject("SELECT status FROM reject WHERE id = ?", String.class, id))
			.isEqualTo("replayed");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")))
				.stream()
				.anyMatch(r -> r.getBodyAsString().contains("path-5")));
	}

	@Test
	void leavesOtherPathsToWhatServesThem() {
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(sendTo("/v1/identify", bytes(event("path-6")), json(credentials(EDGE))).statusCode())
			.as("no route serves it")
			.isEqualTo(404);
	}

	private ObjectNode event(String messageId) {
		ObjectNode event = example("tracking-event", "01-good-click.json").deepCopy();
		event.put("messageId", messageId);
		return event;
	}

	private static Map<String, String> json(Map<String, String> credentials) {
		Map<String, String> headers = new java.util.HashMap<>(credentials);
		headers.put("Content-Type", "application/json");
		return headers;
	}

	private int stored() {
		return jdbc.queryForObject(
				"SELECT (SELECT COUNT(*) FROM reject WHERE edge = ?) + (SELECT COUNT(*) FROM outbox WHERE edge = ?)",
				Integer.class, EDGE, EDGE);
	}

}
