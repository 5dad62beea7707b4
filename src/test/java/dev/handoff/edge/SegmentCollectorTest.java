package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import dev.handoff.EdgeTestSupport;
import dev.handoff.Senders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Segment collector as a team's services meet it: Segment's own Java library, its
 * endpoint set to Handoff, sends track calls; Handoff answers as Segment does, guards
 * each event on its own and sends the good ones on to Segment.
 */
class SegmentCollectorTest extends EdgeTestSupport {

	private final Map<String, String> outcomes = new ConcurrentHashMap<>();

	private Analytics analytics;

	@DynamicPropertySource
	static void collector(DynamicPropertyRegistry registry) {
		registry.add("handoff.segment.enabled", () -> "true");
		registry.add("handoff.edges.inbound.segment.tokens", () -> WRITE_KEY);
		// and on to Segment with the source's write key, as Segment's API takes it
		registry.add("handoff.delivery.edges.segment.auth.kind", () -> "basic");
		registry.add("handoff.delivery.edges.segment.auth.username", () -> SEGMENT_WRITE_KEY);
	}

	/** The write key Handoff sends on to Segment with; a source's own may be the same. */
	private static final String SEGMENT_WRITE_KEY = "segment-destination-write-key";

	@BeforeEach
	void library() {
		briefsApproved();
		analytics = library(WRITE_KEY);
	}

	@AfterEach
	void shutdown() {
		analytics.shutdown();
	}

	private Analytics library(String writeKey) {
		return Analytics.builder(writeKey)
			.endpoint("http://localhost:" + port)
			.flushQueueSize(100)
			.flushInterval(1, TimeUnit.HOURS)
			.retries(2)
			.callback(new Callback() {
				@Override
				public void success(Message message) {
					outcomes.put(message.messageId(), "success");
				}

				@Override
				public void failure(Message message, Throwable throwable) {
					outcomes.put(message.messageId(), "failure: " + throwable.getMessage());
				}
			})
			.build();
	}

	@Test
	void takesTheLibrarysBatchAnswersAsSegmentAndSendsTheGoodEventsOnInOneBatch() throws Exception {
		analytics.enqueue(click("u-1", "https://shop.example.com/spring-sale-2027").messageId("sdk-good-1"));
		analytics.enqueue(click("u-2", "https://shop.example.com/spring-sale-2027").messageId("sdk-good-2"));
		// a typed medium where the truth says email
		analytics.enqueue(click("u-3", "https://shop.example.com/spring-sale-2027").messageId("sdk-bad-3")
			.context(Map.of("campaign", Map.of("medium", "Email"))));
		// a call that carries no campaign: the route lets it through as sent
		analytics
			.enqueue(IdentifyMessage.builder().userId("u-1").traits(Map.of("plan", "pro")).messageId("sdk-identify-4"));
		analytics.flush();

		await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.size() == 4);
		assertThat(outcomes)
			.as("Segment's library heard success for every event, the rejected one included (it is kept)")
			.containsOnly(Map.entry("sdk-good-1", "success"), Map.entry("sdk-good-2", "success"),
					Map.entry("sdk-bad-3", "success"), Map.entry("sdk-identify-4", "success"));
		assertThat(jdbc.queryForList(
				"SELECT violations FROM reject WHERE edge = 'segment' AND CAST(payload AS VARCHAR(100000)) LIKE '%sdk-%'",
				String.class))
			.as("the one bad event only")
			.singleElement()
			.asString()
			.contains("/batch/2/context/campaign/medium");
		List<LoggedRequest> sent = await().atMost(Duration.ofSeconds(20))
			.until(() -> tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch"))), r -> !r.isEmpty());
		assertThat(sent).as("one batch for the flush").hasSize(1);
		assertThat(sent.get(0).getHeader("Authorization")).isEqualTo(Senders.basic(SEGMENT_WRITE_KEY, ""));
		List<String> forwarded = new ArrayList<>();
		JSON.readTree(sent.get(0).getBody()).get("batch").forEach(e -> forwarded.add(e.get("messageId").asText()));
		assertThat(forwarded).containsExactly("sdk-good-1", "sdk-good-2", "sdk-identify-4");
		assertThat(JSON.readTree(sent.get(0).getBody()).at("/batch/2/traits/plan").asText()).as("as sent")
			.isEqualTo("pro");
		assertThat(JSON.readTree(sent.get(0).getBody()).at("/batch/0/context/campaign/medium").asText()).as("generated")
			.isEqualTo("email");
	}

	@Test
	void aBatchSentAgainDeliversNothingTwice() throws Exception {
		ObjectNode event = example("tracking-event", "01-good-click.json").deepCopy();
		event.put("messageId", "retried-1").put("type", "track");
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("batch").add(event);
		batch.put("writeKey", WRITE_KEY);

		int before = jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE edge = 'segment'", Integer.class);
		HttpResponse<String> first = sendTo("/v1/batch", bytes(batch), Map.of("Content-Type", "application/json"));
		HttpResponse<String> again = sendTo("/v1/batch", bytes(batch), Map.of("Content-Type", "application/json"));

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(JSON.readTree(first.body())).isEqualTo(JSON.readTree("{\"success\": true}"));
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE edge = 'segment'", Integer.class))
			.isEqualTo(before + 1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch"))).isEmpty());
		Thread.sleep(500);
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch"))))
			.as("the event reached Segment once")
			.hasSize(1);
	}

	@Test
	void takesTheSingleCallsOfTheHttpApiEachAsABatchOfOne() throws Exception {
		ObjectNode track = example("tracking-event", "01-good-click.json").deepCopy();
		track.put("messageId", "single-track-1");
		Map<String, String> basic = Map.of("Content-Type", "application/json", "Authorization",
				Senders.basic(WRITE_KEY, ""));

		HttpResponse<String> tracked = sendTo("/v1/track", bytes(track), basic);
		HttpResponse<String> identified = sendTo("/v1/identify", bytes(
				"{\"userId\": \"u-7\", \"traits\": {\"plan\": \"pro\"}, " + "\"messageId\": \"single-identify-2\"}"),
				basic);
		ObjectNode typed = track.deepCopy().put("messageId", "single-track-3");
		typed.putObject("context").putObject("campaign").put("medium", "Email");
		HttpResponse<String> rejected = sendTo("/v1/track", bytes(typed), basic);

		assertThat(List.of(tracked.statusCode(), identified.statusCode(), rejected.statusCode())).containsOnly(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> forwarded().containsAll(List.of("single-track-1", "single-identify-2")));
		assertThat(forwarded()).doesNotContain("single-track-3");
		JsonNode identify = tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")))
			.stream()
			.map(r -> read(r.getBodyAsString()).get("batch").get(0))
			.filter(e -> e.get("messageId").asText().equals("single-identify-2"))
			.findFirst()
			.orElseThrow();
		assertThat(identify.get("type").asText()).as("the call's type").isEqualTo("identify");
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM reject WHERE edge = 'segment' AND CAST(payload AS VARCHAR(100000)) LIKE "
						+ "'%single-track-3%'",
				Integer.class))
			.isEqualTo(1);
	}

	private List<String> forwarded() {
		List<String> ids = new ArrayList<>();
		tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch")))
			.forEach(r -> read(r.getBodyAsString()).get("batch").forEach(e -> ids.add(e.get("messageId").asText())));
		return ids;
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (java.io.IOException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void refusesALibraryWithAnotherWriteKeyAndStoresNothing() {
		int before = jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM reject) + (SELECT COUNT(*) FROM outbox)",
				Integer.class);
		Analytics stranger = library("not-the-write-key");
		try {
			stranger.enqueue(click("u-9", "https://shop.example.com/spring-sale-2027").messageId("stranger-1"));
			stranger.flush();
			await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.containsKey("stranger-1"));
		}
		finally {
			stranger.shutdown();
		}

		assertThat(outcomes.get("stranger-1")).as("a 401 is not retried: the library gives up").startsWith("failure");
		assertThat(jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM reject) + (SELECT COUNT(*) FROM outbox)",
				Integer.class))
			.isEqualTo(before);
		HttpResponse<String> basic = sendTo("/v1/batch", bytes("{\"batch\": []}"),
				Map.of("Content-Type", "application/json", "Authorization", Senders.basic("wrong", "")));
		assertThat(basic.statusCode()).isEqualTo(401);
	}

	@Test
	void answersABodyThatIsNoBatchWithSegmentsErrorShapeAndKeepsIt() throws Exception {
		HttpResponse<String> answer = sendTo("/v1/batch", bytes("{\"batch\": []}"),
				Map.of("Content-Type", "application/json", "Authorization", Senders.basic(WRITE_KEY, "")));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		JsonNode error = JSON.readTree(answer.body());
		assertThat(error.get("success").asBoolean()).isFalse();
		assertThat(error.get("code").asText()).isEqualTo("invalid_request");
		assertThat(error.get("message").asText()).contains("the batch has no events");
	}

	@Test
	void keepsABodyThatIsNoBatchWithoutTheWriteKeyItCarried() {
		String body = "{\"batch\": [], \"writeKey\": \"" + WRITE_KEY + "\"}";

		HttpResponse<String> answer = sendTo("/v1/batch", bytes(body), Map.of("Content-Type", "application/json"));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
		String id = json(answer).get("message").asText().replaceAll(".* as ", "");
		assertThat(new String(storedPayload(id), java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("{\"batch\": [], \"writeKey\": \"[hidden]\"}")
			.doesNotContain(WRITE_KEY);
	}

	private static TrackMessage.Builder click(String user, String link) {
		return TrackMessage.builder("Email Link Clicked")
			.userId(user)
			.properties(Map.of("campaign_id", "C-1001", "email_id", "42694e9e57", "link_url",
					link + "?utm_source=mailchimp&utm_medium=email&utm_campaign=spring-sale-2027-c-1001"));
	}

}
