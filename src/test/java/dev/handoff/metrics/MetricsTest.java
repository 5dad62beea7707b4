package dev.handoff.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A scripted scenario on the real service, then one scrape of
 * {@code /actuator/prometheus}: every counter, timer and gauge equals what the script
 * did, by edge, outcome and rule, and no series carries a campaign id.
 */
@AutoConfigureObservability // tests turn metric export off unless asked
class MetricsTest extends EdgeTestSupport {

	private static final String TRACK = "/tracking/v1/track";

	private static final String EMAIL = "/email/3.0/campaigns";

	private static final String BATCH = "/tracking/v1/batch";

	private static final String CMS = "/cms/wp-json/wp/v2/pages";

	@DynamicPropertySource
	static void gaugesRefreshedOften(DynamicPropertyRegistry registry) {
		registry.add("handoff.metrics.refresh", () -> "200ms");
	}

	@Test
	void countsWhatTheScriptDidByEdgeOutcomeAndRule() {
		// the CMS answers 503 once (a retry), then 201 (delivered), then 410 Gone
		// (failed: a delivery reject)
		tools.stubFor(post(urlPathEqualTo(CMS)).inScenario("cms")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		tools.stubFor(post(urlPathEqualTo(CMS)).inScenario("cms")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(201))
			.willSetStateTo("gone"));
		tools.stubFor(post(urlPathEqualTo(CMS)).inScenario("cms")
			.whenScenarioStateIs("gone")
			.willReturn(aResponse().withStatus(410)));

		// brief-approved: 2 accepted, a first version and a late change
		briefsApproved();
		// tracking-event: 3 accepted, 2 generated-mismatch, 1 with schema errors
		for (int i = 0; i < 3; i++) {
			expect(202, send("tracking-event", bytes(example("tracking-event", "01-good-click.json"))));
		}
		String typedMedium = expect(422,
				send("tracking-event", bytes(example("tracking-event", "02-typed-medium.json"))))
			.get("id")
			.asText();
		expect(422, send("tracking-event", bytes(example("tracking-event", "02-typed-medium.json"))));
		JsonNode schemaErrors = expect(422,
				send("tracking-event", bytes(example("tracking-event", "05-schema-errors.json"))));
		// email-campaign: 2 accepted, 1 generated-mismatch, 1 accepted then its retry
		// (duplicate), 1 held for legal review, 1 too large,
		// 1 not JSON
		for (int i = 0; i < 2; i++) {
			expect(202, send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json"))));
		}
		String typedUtm = expect(422,
				send("email-campaign", bytes(example("email-campaign", "02-typed-utm-campaign.json"))))
			.get("id")
			.asText();
		Map<String, String> keyed = Map.of("Content-Type", "application/json", "Idempotency-Key", "metrics-test-1");
		expect(202, send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json")), keyed));
		expect(202, send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json")), keyed));
		expect(202, send("email-campaign", bytes(example("email-campaign", "12-regulated-offer-held.json"))));
		assertThat(send("email-campaign", bytes("{\"big\":\"" + "x".repeat(1_100_000) + "\"}")).statusCode())
			.isEqualTo(413);
		assertThat(send("email-campaign", bytes("{}"), Map.of("Content-Type", "text/plain")).statusCode())
			.isEqualTo(415);
		// tracking-batch: one batch of two good events and one typed medium
		ObjectNode batch = JSON.createObjectNode();
		batch.putArray("batch")
			.add(example("tracking-event", "01-good-click.json"))
			.add(example("tracking-event", "01-good-click.json"))
			.add(example("tracking-event", "02-typed-medium.json"));
		expect(202, send("tracking-batch", bytes(batch)));
		// cms-landing-page: one page retried then delivered; a second one the CMS refuses
		// for good
		expect(202, send("cms-landing-page", bytes(example("cms-landing-page", "01-good-page.json"))));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> scrape().count("handoff_delivery_seconds_count", "edge", "cms-landing-page", "outcome",
					"delivered") == 1);
		expect(202, send("cms-landing-page", bytes(example("cms-landing-page", "01-good-page.json"))));
		// one edit-and-replay and one discard, by an operator
		HttpResponse<String> replay = postApi("/api/rejects/" + typedUtm + "/replay", "test-operator-token",
				"application/json-patch+json", "[{\"op\":\"remove\",\"path\":\"/tracking/google_analytics\"}]");
		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
		HttpResponse<String> discard = postApi("/api/rejects/" + typedMedium + "/discard", "test-operator-token",
				"{\"reason\":\"the sender fixed its tracking plan\"}");
		assertThat(discard.statusCode()).as(discard.body()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(TRACK)))).hasSize(3);
			assertThat(tools.findAll(putRequestedFor(urlPathMatching(EMAIL + "/[^/]+/content"))))
				.as("one content call per delivery")
				.hasSize(4);
			assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(BATCH)))).hasSize(1);
			assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(CMS)))).hasSize(3);
		});
		Scrape scrape = scrape();

		// every answer, by edge and outcome; each event of a batch counts
		assertThat(scrape.series("handoff_messages_total")).isEqualTo(
				Map.ofEntries(messages("brief-approved", "accepted", 2), messages("tracking-event", "accepted", 3),
						messages("tracking-event", "rejected", 3), messages("email-campaign", "accepted", 3),
						messages("email-campaign", "rejected", 1), messages("email-campaign", "duplicate", 1),
						messages("email-campaign", "held", 1), messages("email-campaign", "too-large", 1),
						messages("email-campaign", "unsupported", 1), messages("tracking-batch", "accepted", 2),
						messages("tracking-batch", "rejected", 1), messages("cms-landing-page", "accepted", 2)));

		// every violation of every stored reject, by edge and rule
		Map<String, Long> schemaRules = rules(schemaErrors);
		assertThat(schemaRules).containsOnlyKeys("schema:anyOf", "schema:enum");
		assertThat(scrape.series("handoff_violations_total"))
			.isEqualTo(Map.ofEntries(violations("tracking-event", "generated-mismatch", 2),
					violations("tracking-event", "schema:anyOf", schemaRules.get("schema:anyOf")),
					violations("tracking-event", "schema:enum", schemaRules.get("schema:enum")),
					violations("email-campaign", "generated-mismatch", 1), violations("email-campaign", "too-large", 1),
					violations("tracking-batch", "generated-mismatch", 1)));

		// the guard is timed once per message it judged: not for a retry answered from
		// its key, nor for a body refused at the door
		assertThat(scrape.series("handoff_guard_seconds_count")).isEqualTo(Map.of(Map.of("edge", "brief-approved"), 2.0,
				Map.of("edge", "tracking-event"), 6.0, Map.of("edge", "email-campaign"), 5.0,
				Map.of("edge", "tracking-batch"), 3.0, Map.of("edge", "cms-landing-page"), 2.0));

		// each delivery attempt, by what came of it: counted once its outcome is written,
		// which may be a moment after the tool had it
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(scrape().series("handoff_delivery_seconds_count"))
				.isEqualTo(Map.of(Map.of("edge", "tracking-event", "outcome", "delivered"), 3.0,
						Map.of("edge", "email-campaign", "outcome", "delivered"), 4.0,
						Map.of("edge", "tracking-batch", "outcome", "delivered"), 1.0,
						Map.of("edge", "cms-landing-page", "outcome", "retry"), 1.0,
						Map.of("edge", "cms-landing-page", "outcome", "delivered"), 1.0,
						Map.of("edge", "cms-landing-page", "outcome", "failed"), 1.0)));

		// rework on the queue
		assertThat(scrape.series("handoff_replays_total"))
			.isEqualTo(Map.of(Map.of("edge", "email-campaign", "outcome", "accepted", "kind", "edit"), 1.0));
		assertThat(scrape.series("handoff_discards_total")).isEqualTo(Map.of(Map.of("edge", "tracking-event"), 1.0));

		// the truth: one first version, one late change, one campaign
		assertThat(scrape.series("handoff_truth_versions_total"))
			.isEqualTo(Map.of(Map.of("change", "first"), 1.0, Map.of("change", "late"), 1.0));
		assertThat(scrape.value("handoff_truth_campaigns")).isEqualTo(1.0);

		// the gauges read from the database: nothing left in the outbox; open rejects are
		// what was neither replayed nor discarded
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Scrape now = scrape();
			assertThat(now.series("handoff_outbox_depth")).isEqualTo(perEdge(0, 0, 0, 0, 0));
			assertThat(now.series("handoff_outbox_oldest_age_seconds")).isEqualTo(perEdge(0, 0, 0, 0, 0));
			assertThat(now.series("handoff_rejects_open")).isEqualTo(perEdge(0, 1, 2, 1, 1));
		});
		Scrape settled = scrape();
		assertThat(settled.value("handoff_rejects_open_oldest_age_seconds", "edge", "tracking-event")).isPositive();
		assertThat(settled.value("handoff_rejects_open_oldest_age_seconds", "edge", "brief-approved")).isZero();

		// bounded cardinality: no campaign id in any series by default
		assertThat(settled.all())
			.allSatisfy(series -> assertThat(series.labels().values()).noneMatch(v -> v.contains("C-1001")));
		assertThat(settled.names()).doesNotContain("handoff_truth_version");
	}

	private Scrape scrape() {
		HttpResponse<String> response = get("/actuator/prometheus", null);
		assertThat(response.statusCode()).isEqualTo(200);
		return Scrape.parse(response.body());
	}

	private static JsonNode expect(int status, HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return json(response);
	}

	/** How many violations of each rule an answer lists. */
	private static Map<String, Long> rules(JsonNode answer) {
		Map<String, Long> counts = new java.util.TreeMap<>();
		answer.get("violations").forEach(v -> counts.merge(v.get("rule").asText(), 1L, Long::sum));
		return counts;
	}

	private static Map.Entry<Map<String, String>, Double> messages(String edge, String outcome, double count) {
		return Map.entry(Map.of("edge", edge, "outcome", outcome), count);
	}

	private static Map.Entry<Map<String, String>, Double> violations(String edge, String rule, double count) {
		return Map.entry(Map.of("edge", edge, "rule", rule), count);
	}

	/**
	 * One value per HTTP edge of the shipped routes, in the order brief-approved,
	 * cms-landing-page, tracking-event, email-campaign, tracking-batch; the Kafka edge is
	 * declared too (off here), with nothing in the database.
	 */
	private static Map<Map<String, String>, Double> perEdge(double brief, double cms, double tracking, double email,
			double batch) {
		return Map.of(Map.of("edge", "brief-approved"), brief, Map.of("edge", "cms-landing-page"), cms,
				Map.of("edge", "tracking-event"), tracking, Map.of("edge", "email-campaign"), email,
				Map.of("edge", "tracking-batch"), batch, Map.of("edge", "tracking-kafka"), 0.0);
	}

}
