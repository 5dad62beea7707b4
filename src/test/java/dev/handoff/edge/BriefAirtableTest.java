package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Briefs read from Airtable on a schedule (routes/brief-airtable.yaml), with WireMock as
 * Airtable, polled every 300 ms: every page is read, a record read again is no new
 * version and no new reject, an edited one is, a bad one is one reject that replays, and
 * a 429 is waited out without losing a record.
 */
class BriefAirtableTest extends EdgeTestSupport {

	private static final Duration LONG = Duration.ofSeconds(60);

	private final AirtableStandIn airtable = new AirtableStandIn(tools.getRuntimeInfo().getWireMock());

	@DynamicPropertySource
	static void airtable(DynamicPropertyRegistry registry) {
		AirtableStandIn.settings(tools.baseUrl()).forEach(setting -> {
			String[] pair = setting.split("=", 2);
			registry.add(pair[0], () -> pair[1]);
		});
		registry.add("handoff.airtable.interval", () -> "300ms");
		// the first answers to idempotency keys are forgotten at once: only the poll's
		// own memory keeps a record read again
		// from being judged again, as it must months later
		registry.add("handoff.edges.idempotency-window", () -> "1ms");
	}

	@BeforeEach
	void airtableWantsItsToken() {
		airtable.requireToken();
	}

	@Test
	void everyRecordOnEveryPageBecomesTheTruthFollowingTheOffsetsInOrder() {
		List<ObjectNode> records = briefs("Pag", "C-2101", 5);
		threePages(records);

		await().atMost(LONG).untilAsserted(() -> records.forEach(r -> assertThat(version(campaign(r))).isEqualTo(1)));
		List<String> offsets = new ArrayList<>();
		for (LoggedRequest request : airtable.requests()) {
			offsets.add(AirtableStandIn.offsetOf(request));
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + AirtableStandIn.TOKEN);
			assertThat(request.queryParameter("filterByFormula").firstValue()).contains("{status}='Approved'");
		}
		assertThat(offsets).as("each poll asks for page 1, then the offset page 1 named, then the one page 2 named")
			.containsSubsequence(null, "itrPage2/recA", "itrPage3/recB");
		for (int i = 0; i < offsets.size(); i++) {
			if (offsets.get(i) != null) {
				assertThat(offsets.get(i - 1)).as("request " + i)
					.isEqualTo(offsets.get(i).equals("itrPage2/recA") ? null : "itrPage2/recA");
			}
		}
		assertThat(send("brief-airtable", bytes(records.get(0))).statusCode())
			.as("the edge is fed by the poll, not served over HTTP")
			.isEqualTo(404);
		assertThat(json(get("/api/edges")).get("edges")).anySatisfy(edge -> {
			assertThat(edge.get("name").asText()).isEqualTo("brief-airtable");
			assertThat(edge.get("polled").asBoolean()).isTrue();
			assertThat(edge.get("contract").asText()).isEqualTo("brief-approved");
		});
	}

	@Test
	void aRecordReadAgainIsNoNewVersionAndAnEditedOneIsExactlyOne() {
		List<ObjectNode> records = briefs("Chg", "C-2201", 5);
		threePages(records);
		await().atMost(LONG).untilAsserted(() -> records.forEach(r -> assertThat(version(campaign(r))).isEqualTo(1)));

		ObjectNode edited = records.get(2).deepCopy();
		((ObjectNode) edited.get("fields")).put("version", 2).put("landing_url", "https://shop.example.com/moved");
		airtable.page("itrPage2/recA", "itrPage3/recB", edited, records.get(3));
		await().atMost(LONG).until(() -> version(campaign(edited)) == 2);
		long polled = airtable.asked("itrPage3/recB");
		await().atMost(LONG).until(() -> airtable.asked("itrPage3/recB") >= polled + 3);

		assertThat(history(campaign(edited))).containsExactly(2L, 1L);
		records.stream()
			.filter(r -> r != records.get(2))
			.forEach(r -> assertThat(history(campaign(r))).as(campaign(r)).containsExactly(1L));
		assertThat(json(get("/api/rejects?edge=brief-airtable")).get("items"))
			.noneSatisfy(reject -> assertThat(reject.get("campaign").asText()).startsWith("C-22"));
	}

	@Test
	void aBadRecordIsOneRejectHoweverOftenItIsReadStopsNothingAndReplays() {
		ObjectNode good = AirtableStandIn.record(AirtableStandIn.recordId("Bad", 1), "C-2301", 1,
				"https://shop.example.com/c-2301");
		ObjectNode bad = AirtableStandIn.record(AirtableStandIn.recordId("Bad", 2), "C-2302", 1,
				"http://shop.example.com/not-https");
		airtable.page(null, null, good, bad);

		await().atMost(LONG).until(() -> rejects("C-2302").get("total").asInt() == 1);
		long polled = airtable.asked(null);
		await().atMost(LONG).until(() -> airtable.asked(null) >= polled + 3);
		assertThat(rejects("C-2302").get("total").asInt()).as("one reject, not one per poll").isEqualTo(1);
		assertThat(version("C-2301")).isEqualTo(1);

		String id = rejects("C-2302").get("items").get(0).get("id").asText();
		JsonNode reject = json(get("/api/rejects/" + id));
		assertThat(reject.get("edge").asText()).isEqualTo("brief-airtable");
		assertThat(reject.get("violations").get(0).get("pointer").asText()).isEqualTo("/fields/landing_url");
		HttpResponse<String> replayed = postApi("/api/rejects/" + id + "/replay", "test-operator-token",
				"application/json-patch+json",
				"[{\"op\":\"replace\",\"path\":\"/fields/landing_url\",\"value\":\"https://shop.example.com/c-2302\"}]");
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(json(replayed).get("outcome").asText()).isEqualTo("accepted");
		assertThat(version("C-2302")).isEqualTo(1);

		ObjectNode later = AirtableStandIn.record(AirtableStandIn.recordId("Bad", 3), "C-2303", 1,
				"https://shop.example.com/c-2303");
		airtable.page(null, null, good, bad, later);
		await().atMost(LONG).until(() -> version("C-2303") == 1);
		long after = airtable.asked(null);
		await().atMost(LONG).until(() -> airtable.asked(null) >= after + 3);
		assertThat(rejects("C-2302").get("total").asInt())
			.as("the bad record, read again unchanged, is still the one reject")
			.isEqualTo(1);
		assertThat(history("C-2302")).containsExactly(1L);
	}

	@Test
	void aRateLimitIsWaitedOutAndNoRecordIsLost() {
		List<ObjectNode> records = briefs("Lim", "C-2401", 5);
		threePages(records);
		// Airtable's 429 on page 2, once: the page must be asked for again no sooner than
		// Retry-After says
		tools.stubFor(AirtableStandIn.pageRequest("itrPage2/recA")
			.atPriority(1)
			.inScenario("limit")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("waited")
			.willReturn(aResponse().withStatus(429)
				.withHeader("Retry-After", "2")
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"error\":{\"type\":\"RATE_LIMIT_REACHED\",\"message\":\"Rate limit exceeded. Please try again later\"}}")));
		tools.stubFor(AirtableStandIn.pageRequest("itrPage2/recA")
			.atPriority(1)
			.inScenario("limit")
			.whenScenarioStateIs("waited")
			.willReturn(AirtableStandIn.pageAnswer("itrPage3/recB", records.get(2), records.get(3))));

		await().atMost(LONG).untilAsserted(() -> records.forEach(r -> assertThat(version(campaign(r))).isEqualTo(1)));
		List<LoggedRequest> pageTwo = airtable.requests()
			.stream()
			.filter(r -> "itrPage2/recA".equals(AirtableStandIn.offsetOf(r)))
			.toList();
		assertThat(pageTwo).hasSizeGreaterThanOrEqualTo(2);
		long waited = pageTwo.get(1).getLoggedDate().getTime() - pageTwo.get(0).getLoggedDate().getTime();
		assertThat(waited).as("ms between the 429 and the next request for the page").isGreaterThanOrEqualTo(2000);
		assertThat(AirtableStandIn.offsetOf(airtable.requests().get(airtable.requests().indexOf(pageTwo.get(0)) + 1)))
			.as("after the 429 the same page is asked for again, not the first")
			.isEqualTo("itrPage2/recA");
		assertThat(json(get("/api/rejects?edge=brief-airtable")).get("items"))
			.noneSatisfy(reject -> assertThat(reject.get("campaign").asText()).startsWith("C-24"));
	}

	/**
	 * Five approved briefs for consecutive campaigns from the first, each a record of its
	 * own.
	 */
	private static List<ObjectNode> briefs(String tag, String first, int count) {
		int number = Integer.parseInt(first.substring(2));
		List<ObjectNode> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String campaign = "C-" + (number + i);
			records.add(AirtableStandIn.record(AirtableStandIn.recordId(tag, i + 1), campaign, 1,
					"https://shop.example.com/" + campaign));
		}
		return records;
	}

	/**
	 * Two records on page 1, two on page 2, the rest on page 3; pages 1 and 2 name the
	 * offset of the next.
	 */
	private void threePages(List<ObjectNode> records) {
		airtable.page(null, "itrPage2/recA", records.get(0), records.get(1));
		airtable.page("itrPage2/recA", "itrPage3/recB", records.get(2), records.get(3));
		airtable.page("itrPage3/recB", null, records.subList(4, records.size()).toArray(ObjectNode[]::new));
	}

	private static String campaign(ObjectNode record) {
		return record.get("fields").get("campaign_id").asText();
	}

	/** The campaign's truth version, 0 when it has none. */
	private long version(String campaign) {
		HttpResponse<String> truth = get("/api/truth/" + campaign);
		return truth.statusCode() == 404 ? 0 : json(truth).get("version").asLong();
	}

	private List<Long> history(String campaign) {
		List<Long> versions = new ArrayList<>();
		json(get("/api/truth/" + campaign)).get("history").forEach(v -> versions.add(v.get("version").asLong()));
		return versions;
	}

	private JsonNode rejects(String campaign) {
		return json(get("/api/rejects?edge=brief-airtable&campaign=" + campaign));
	}

}
