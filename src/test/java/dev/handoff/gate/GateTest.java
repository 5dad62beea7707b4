package dev.handoff.gate;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped gate: an email campaign with a regulated offer is held for legal review.
 * Nothing reaches the email platform until an approver decides; approval delivers it
 * once, declining makes it a reject with rule {@code declined}, and every decision is in
 * the audit trail with who decided and why.
 */
public class GateTest extends EdgeTestSupport {

	static final String OPERATOR = "test-operator-token";

	static final String APPROVER = "test-approver-token";

	private static final String CAMPAIGNS = "/email/3.0/campaigns";

	private static final String REASON = "Legal review of regulated offers";

	@BeforeEach
	void truth() {
		briefsApproved();
	}

	@Test
	void holdsARegulatedOfferByteForByteAndSendsNothing() throws InterruptedException {
		byte[] body = regulatedOffer();
		HttpResponse<String> response = send("email-campaign", body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode answer = json(response);
		assertThat(answer.get("status").asText()).isEqualTo("held");
		assertThat(answer.get("reason").asText()).isEqualTo(REASON);
		String id = answer.get("id").asText();
		assertThat(jdbc.queryForObject("SELECT payload FROM held WHERE id = ?", byte[].class, id))
			.as("stored byte for byte")
			.isEqualTo(body);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE id = ?", Integer.class, id)).isZero();

		JsonNode held = json(get("/api/held/" + id, OPERATOR));
		assertThat(held.get("status").asText()).isEqualTo("held");
		assertThat(held.get("edge").asText()).isEqualTo("email-campaign");
		assertThat(held.get("campaign").asText()).isEqualTo("C-1001");
		assertThat(held.get("version").asLong()).isEqualTo(2);
		assertThat(held.get("contractSha256").asText()).hasSize(64);
		assertThat(Base64.getDecoder().decode(held.get("payloadBase64").asText())).isEqualTo(body);
		assertThat(held.get("forwarded").asText()).as("what approval sends: generated values applied")
			.contains("\"google_analytics\":\"spring-sale-2027-c-1001\"");
		assertThat(json(get("/api/held", "test-viewer-token")).get("items")).extracting(i -> i.get("id").asText())
			.contains(id);
		JsonNode viewed = json(get("/api/held/" + id, "test-viewer-token"));
		assertThat(viewed.get("masked").asBoolean()).as("a viewer reads it as a reject: personal data masked").isTrue();
		assertThat(viewed.has("payloadBase64")).isFalse();

		Thread.sleep(1000);
		tools.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void deliversAnApprovedMessageOnceUnderItsHeldId() throws Exception {
		String id = hold();

		HttpResponse<String> approved = decide(id, "approve", APPROVER,
				"{\"comment\": \"Representative APR is in the footer\"}");

		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		assertThat(json(approved).get("outcome").asText()).isEqualTo("approved");
		assertThat(json(approved).get("deliveryId").asText()).isEqualTo(id);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(id)).hasSize(1));
		JsonNode sent = JSON.readTree(jdbc.queryForObject("SELECT payload FROM outbox WHERE id = ?", byte[].class, id));
		assertThat(sent.at("/tracking/google_analytics").asText()).isEqualTo("spring-sale-2027-c-1001");
		assertThat(sent.has("handoff")).as("the route drops Handoff's block before Mailchimp").isFalse();
		assertThat(JSON.readTree(deliveries(id).get(0).getBody()).get("html").asText())
			.isEqualTo(sent.at("/content/html").asText());

		HttpResponse<String> again = decide(id, "approve", APPROVER, "{}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(json(again).get("type").asText()).endsWith("/not-held");
		assertThat(json(again).get("detail").asText()).contains("approved by test-approver");
		Thread.sleep(1000);
		assertThat(deliveries(id)).as("approved twice, delivered once").hasSize(1);

		JsonNode held = json(get("/api/held/" + id));
		assertThat(held.get("status").asText()).isEqualTo("approved");
		assertThat(held.get("decidedBy").asText()).isEqualTo("test-approver");
		assertThat(held.get("comment").asText()).isEqualTo("Representative APR is in the footer");
		assertThat(json(get("/api/held")).get("items")).extracting(i -> i.get("id").asText()).doesNotContain(id);
		assertThat(json(get("/api/held?status=approved")).get("items")).extracting(i -> i.get("id").asText())
			.contains(id);
	}

	@Test
	void approvesWithoutAComment() {
		String id = hold();
		HttpResponse<String> approved = decide(id, "approve", APPROVER, null);
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(id)).hasSize(1));
	}

	@Test
	void deliversOnceWhenTwoApproversDecideAtOnce() throws InterruptedException {
		String id = hold();

		List<Integer> statuses = IntStream.range(0, 4)
			.mapToObj(i -> CompletableFuture
				.supplyAsync(() -> decide(id, "approve", APPROVER, "{\"comment\": \"go " + i + "\"}")))
			.toList()
			.stream()
			.map(f -> f.join().statusCode())
			.toList();

		assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(id)).hasSize(1));
		Thread.sleep(1000);
		assertThat(deliveries(id)).hasSize(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit WHERE subject = ?", Integer.class, id)).isEqualTo(1);
	}

	@Test
	void turnsADeclinedMessageIntoARejectWithRuleDeclined() throws InterruptedException {
		byte[] body = regulatedOffer();
		String id = json(send("email-campaign", body)).get("id").asText();

		HttpResponse<String> declined = decide(id, "decline", APPROVER,
				"{\"comment\": \"No representative APR example\"}");

		assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
		String rejectId = json(declined).get("rejectId").asText();
		JsonNode reject = json(get("/api/rejects/" + rejectId, OPERATOR));
		assertThat(reject.get("edge").asText()).isEqualTo("email-campaign");
		assertThat(reject.get("status").asText()).isEqualTo("open");
		assertThat(Base64.getDecoder().decode(reject.get("payloadBase64").asText())).as("the payload as received")
			.isEqualTo(body);
		assertThat(reject.get("violations")).hasSize(1);
		JsonNode violation = reject.get("violations").get(0);
		assertThat(violation.get("rule").asText()).isEqualTo("declined");
		assertThat(violation.get("pointer").asText()).isEmpty();
		assertThat(violation.get("message").asText()).contains(REASON)
			.contains("test-approver")
			.contains("No representative APR example");
		assertThat(json(get("/api/rejects?rule=declined")).get("items")).extracting(i -> i.get("id").asText())
			.contains(rejectId);

		assertThat(decide(id, "approve", APPROVER, "{}").statusCode())
			.as("a declined message cannot be approved after all")
			.isEqualTo(409);
		Thread.sleep(1000);
		tools.verify(0, anyRequestedFor(urlPathMatching(CAMPAIGNS + ".*")));
	}

	@Test
	void recordsEachDecisionInTheAuditTrailWithWhoAndWhy() {
		String approved = hold();
		String declined = hold();
		decide(approved, "approve", APPROVER, "{\"comment\": \"Checked against FCA rules\"}");
		decide(declined, "decline", "test-admin-token", "{\"comment\": \"Offer withdrawn\"}");

		JsonNode approval = only(json(get("/api/audit?action=approve")).get("items"), approved);
		assertThat(approval.get("actor").asText()).isEqualTo("test-approver");
		assertThat(approval.get("outcome").asText()).isEqualTo("approved");
		assertThat(approval.at("/detail/comment").asText()).isEqualTo("Checked against FCA rules");
		assertThat(approval.at("/detail/edge").asText()).isEqualTo("email-campaign");
		assertThat(approval.at("/detail/reason").asText()).isEqualTo(REASON);
		JsonNode refusal = only(json(get("/api/audit?action=decline")).get("items"), declined);
		assertThat(refusal.get("actor").asText()).isEqualTo("test-admin");
		assertThat(refusal.at("/detail/comment").asText()).isEqualTo("Offer withdrawn");
		assertThat(refusal.at("/detail/rejectId").asText()).isNotBlank();
		assertThat(json(get("/api/held/" + declined)).get("history")).hasSize(1);
	}

	@Test
	void answersARetryWithTheSameKeyWithTheFirstHeldAnswer() {
		int before = jdbc.queryForObject("SELECT COUNT(*) FROM held", Integer.class);
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "legal-1");
		HttpResponse<String> first = send("email-campaign", regulatedOffer(), headers);
		HttpResponse<String> again = send("email-campaign", regulatedOffer(), headers);

		assertThat(again.statusCode()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM held", Integer.class)).isEqualTo(before + 1);
	}

	@Test
	void acceptsAnOfferThatIsNotRegulatedWithoutAsking() {
		HttpResponse<String> response = send("email-campaign",
				bytes(example("email-campaign", "01-good-campaign.json")));
		assertThat(json(response).get("outcome").asText()).isEqualTo("accepted");
		String id = json(response).get("id").asText();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(id)).hasSize(1));
	}

	@Test
	void refusesToApproveAMessageBuiltOnABriefTheTruthHasMovedPast() {
		ObjectNode brief = (ObjectNode) example("brief-approved", "01-approved-brief.json");
		((ObjectNode) brief.get("fields")).put("campaign_id", "C-2002");
		assertThat(send("brief-approved", bytes(brief)).statusCode()).isEqualTo(202);
		ObjectNode offer = (ObjectNode) example("email-campaign", "12-regulated-offer-held.json");
		((ObjectNode) offer.get("handoff")).put("campaign_id", "C-2002")
			.put("brief_version", 1)
			.put("landing_url", brief.at("/fields/landing_url").asText());
		String id = json(send("email-campaign", bytes(offer))).get("id").asText();
		((ObjectNode) brief.get("fields")).put("version", 2).put("name", "Spring Sale 2027 extended");
		assertThat(send("brief-approved", bytes(brief)).statusCode()).isEqualTo(202);

		HttpResponse<String> approved = decide(id, "approve", APPROVER, "{}");

		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(409);
		assertThat(json(approved).get("type").asText()).endsWith("/stale");
		assertThat(json(approved).get("detail").asText()).contains("brief version 2").contains("built on version 1");
		assertThat(json(get("/api/held/" + id)).get("status").asText()).as("it stays held, to be declined")
			.isEqualTo("held");
		assertThat(decide(id, "decline", APPROVER, "{\"comment\": \"rebuild on v2\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void refusesAnOperatorAndAViewerWith403() {
		String id = hold();
		assertThat(decide(id, "approve", OPERATOR, "{}").statusCode()).isEqualTo(403);
		assertThat(decide(id, "decline", OPERATOR, "{\"comment\": \"no\"}").statusCode()).isEqualTo(403);
		assertThat(decide(id, "approve", "test-viewer-token", "{}").statusCode()).isEqualTo(403);
		assertThat(get("/api/held/" + id, OPERATOR).statusCode()).as("anyone with a token may read").isEqualTo(200);
		assertThat(json(get("/api/held/" + id)).get("status").asText()).isEqualTo("held");
		assertThat(decide(id, "approve", APPROVER, "{}").statusCode()).isEqualTo(200);
	}

	@Test
	void needsACommentToDecline() {
		String id = hold();
		for (String body : new String[] { null, "{}", "{\"comment\": \"  \"}" }) {
			HttpResponse<String> response = decide(id, "decline", APPROVER, body);
			assertThat(response.statusCode()).as(String.valueOf(body)).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).get("detail").asText()).contains("comment");
		}
		assertThat(json(get("/api/held/" + id)).get("status").asText()).isEqualTo("held");
	}

	@Test
	void answersAnUnknownIdWith404AndABadStatusFilterWith400() {
		assertThat(decide("no-such-id", "approve", APPROVER, "{}").statusCode()).isEqualTo(404);
		assertThat(get("/api/held/no-such-id").statusCode()).isEqualTo(404);
		assertThat(get("/api/held?status=pending").statusCode()).isEqualTo(400);
	}

	private byte[] regulatedOffer() {
		return bytes(example("email-campaign", "12-regulated-offer-held.json"));
	}

	private String hold() {
		HttpResponse<String> response = send("email-campaign", regulatedOffer());
		assertThat(json(response).path("status").asText()).as(response.body()).isEqualTo("held");
		return json(response).get("id").asText();
	}

	/**
	 * Mailchimp's content calls for a delivery: one per campaign delivered (the campaign
	 * itself is made once per campaign).
	 */
	private List<LoggedRequest> deliveries(String id) {
		return tools.findAll(putRequestedFor(urlPathMatching(CAMPAIGNS + "/[^/]+/content"))
			.withHeader("Idempotency-Key", equalTo(id)));
	}

	private static JsonNode only(JsonNode items, String subject) {
		List<JsonNode> matching = new java.util.ArrayList<>();
		items.forEach(i -> {
			if (i.get("subject").asText().equals(subject)) {
				matching.add(i);
			}
		});
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	/** {@code POST /api/held/{id}/<action>} with a JSON body, or none when it is null. */
	HttpResponse<String> decide(String id, String action, String token, String body) {
		return postApi("/api/held/" + id + "/" + action, token, body);
	}

}
