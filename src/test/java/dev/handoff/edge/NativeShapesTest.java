package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tools send their own shapes; steps before the guard map them to the contract. A
 * Typeform {@code form_response} becomes a brief, a HubSpot-style top-level array of
 * events becomes tracking events split one by one. The guard judges the mapped message, a
 * reject keeps the bytes as the tool sent them with the mapped message beside, and a
 * replay maps the (corrected) bytes again.
 */
class NativeShapesTest extends EdgeTestSupport {

	/**
	 * A Typeform webhook as its documentation shows one: one answer per form field, each
	 * named by the field's ref.
	 */
	private static final String TYPEFORM = """
			{"event_id": "LtWXD3crgy", "event_type": "form_response", "form_response": {
			  "form_id": "lT4Z3j", "token": "a3a12ec67a1365927098a606107fac15",
			  "landed_at": "2027-01-18T18:07:02Z", "submitted_at": "2027-01-18T18:17:02Z",
			  "definition": {"id": "lT4Z3j", "title": "Campaign brief"},
			  "answers": [
			    {"type": "text", "text": "C-3001", "field": {"id": "f1", "type": "short_text", "ref": "campaign_id"}},
			    {"type": "text", "text": "Autumn Sale 2027", "field": {"id": "f2", "type": "short_text", "ref": "name"}},
			    {"type": "number", "number": 1, "field": {"id": "f3", "type": "number", "ref": "version"}},
			    {"type": "url", "url": "%s", "field": {"id": "f4", "type": "website", "ref": "landing_url"}},
			    {"type": "choice", "choice": {"label": "en-GB"}, "field": {"id": "f5", "type": "dropdown", "ref": "locale"}},
			    {"type": "choices", "choices": {"labels": ["email", "web"]}, "field": {"id": "f6", "type": "multiple_choice", "ref": "channels"}}
			  ]}}
			""";

	@DynamicPropertySource
	static void nativeRoutes(DynamicPropertyRegistry registry) throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		Files.writeString(routes.resolve("brief-typeform.yaml"),
				"""
						- route:
						    id: brief-typeform
						    routeConfigurationId: handoff-edge
						    from:
						      uri: platform-http:/edges/brief-typeform
						      parameters:
						        httpMethodRestrict: POST
						      steps:
						        # Typeform's form_response: one answer per field, named by the field's ref
						        - setBody:
						            jq: >-
						              .form_response as $r
						              | ($r.answers | map({key: .field.ref, value: (.text // .number // .url // .choice.label // .choices.labels)})
						              | from_entries) as $a
						              | {id: ("rec" + $r.token[0:14]), createdTime: $r.submitted_at, fields: ($a + {status: "Approved"})}
						        # open to anyone here: this test is about shapes (a real Typeform edge says inbound=hmac, preset typeform)
						        - to: handoff:guard:brief-approved?inbound=open
						        - to: handoff:accept
						""");
		Files.writeString(routes.resolve("tracking-hubspot.yaml"),
				"""
						- route:
						    id: tracking-hubspot
						    routeConfigurationId: handoff-edge
						    from:
						      uri: platform-http:/edges/tracking-hubspot
						      parameters:
						        httpMethodRestrict: POST
						      steps:
						        # HubSpot posts a top-level array of events; each becomes a Segment track call
						        - setBody:
						            jq: >-
						              map({userId: ("hubspot-" + (.objectId | tostring)), event: "Email Opened", messageId: (.eventId | tostring),
						              properties: {campaign_id: .propertyValue, email_id: "42694e9e57"}, context: {}})
						        - to: handoff:batch:tracking-event?deliverTo={{handoff.tools.tracking-url}}/v1/batch&items=root&inbound=open
						""");
		Files.writeString(routes.resolve("tracking-mailchimp.yaml"),
				"""
						- route:
						    id: tracking-mailchimp
						    routeConfigurationId: handoff-edge
						    from:
						      uri: platform-http:/edges/tracking-mailchimp
						      parameters:
						        httpMethodRestrict: POST
						      steps:
						        # Mailchimp's webhooks are forms: data[merges][CAMPAIGN]=... read as nested JSON
						        - to: handoff:form
						        # an unsubscribe becomes a Segment track call
						        - setBody:
						            jq: >-
						              {anonymousId: .data.id, event: "Unsubscribed", timestamp: (.fired_at | sub(" "; "T") + "Z"),
						              properties: {campaign_id: .data.merges.CAMPAIGN, email_id: .data.campaign_id}, context: {}}
						        - to: handoff:guard:tracking-event?inbound=open
						        - to: handoff:accept?deliverTo={{handoff.tools.tracking-url}}/v1/track
						""");
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
	}

	/**
	 * Mailchimp's unsubscribe webhook, form-encoded, as its documentation shows one (with
	 * a merge field naming our campaign).
	 */
	private static final String MAILCHIMP_UNSUBSCRIBE = "type=unsubscribe&fired_at=2027-03-26+21%3A40%3A57&data%5Baction%5D=unsub"
			+ "&data%5Breason%5D=manual&data%5Bid%5D=8a25ff1d98&data%5Blist_id%5D=a6b5da1054&data%5Bemail%5D=api%2Bunsub%40mailchimp.com"
			+ "&data%5Bemail_type%5D=html&data%5Bmerges%5D%5BEMAIL%5D=api%2Bunsub%40mailchimp.com&data%5Bmerges%5D%5BFNAME%5D=Mailchimp"
			+ "&data%5Bmerges%5D%5BCAMPAIGN%5D={campaign}&data%5Bip_opt%5D=10.20.10.30&data%5Bcampaign_id%5D=cb398d21d2";

	@Test
	void aMailchimpFormWebhookIsReadAsJsonAndMapped() throws IOException {
		briefsApproved();
		HttpResponse<String> answer = send("tracking-mailchimp",
				bytes(MAILCHIMP_UNSUBSCRIBE.replace("{campaign}", "C-1001")),
				java.util.Map.of("Content-Type", "application/x-www-form-urlencoded"));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track"))).isEmpty());
		JsonNode sent = JSON
			.readTree(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track"))).get(0).getBody());
		assertThat(sent.get("anonymousId").asText()).isEqualTo("8a25ff1d98");
		assertThat(sent.get("timestamp").asText()).isEqualTo("2027-03-26T21:40:57Z");
		assertThat(sent.at("/properties/email_id").asText()).isEqualTo("cb398d21d2");
		assertThat(sent.at("/context/campaign/name").asText()).as("generated from the truth")
			.isEqualTo("spring-sale-2027-c-1001");
	}

	@Test
	void aFormWebhookThatBreaksTheContractIsStoredAsReceivedAndAFormElsewhereIs415() {
		briefsApproved();
		byte[] sent = bytes(MAILCHIMP_UNSUBSCRIBE.replace("{campaign}", "C-9999"));
		HttpResponse<String> answer = send("tracking-mailchimp", sent,
				java.util.Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		String id = json(answer).get("id").asText();
		assertThat(storedPayload(id)).as("the form as Mailchimp sent it").isEqualTo(sent);
		assertThat(json(json(get("/api/rejects/" + id)).get("mapped").asText()).at("/properties/campaign_id").asText())
			.isEqualTo("C-9999");

		HttpResponse<String> elsewhere = send("tracking-event", sent,
				java.util.Map.of("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(elsewhere.statusCode()).as("an edge whose route reads no forms takes none").isEqualTo(415);
	}

	@Test
	void aTypeformAnswerBecomesTheCampaignsTruth() {
		HttpResponse<String> answer = send("brief-typeform",
				bytes(TYPEFORM.formatted("https://shop.example.com/autumn-sale")));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		JsonNode truth = json(get("/api/truth/C-3001"));
		assertThat(truth.at("/fields/landing_url").asText()).isEqualTo("https://shop.example.com/autumn-sale");
		assertThat(truth.at("/fields/name").asText()).isEqualTo("Autumn Sale 2027");
	}

	@Test
	void aRejectKeepsWhatTypeformSentShowsTheMappedBriefAndIsMappedAgainOnReplay() {
		byte[] sent = bytes(TYPEFORM.formatted("http://shop.example.com/autumn").replace("C-3001", "C-3002"));
		HttpResponse<String> answer = send("brief-typeform", sent);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		JsonNode violation = json(answer).get("violations").get(0);
		assertThat(violation.get("pointer").asText()).as("it points into the mapped brief")
			.isEqualTo("/fields/landing_url");

		String id = json(answer).get("id").asText();
		assertThat(storedPayload(id)).as("the bytes as Typeform sent them").isEqualTo(sent);
		JsonNode reject = json(get("/api/rejects/" + id));
		assertThat(json(reject.get("mapped").asText()).at("/fields/landing_url").asText())
			.isEqualTo("http://shop.example.com/autumn");
		assertThat(reject.get("payload").asText()).contains("\"event_type\": \"form_response\"");

		HttpResponse<String> replayed = postApi("/api/rejects/" + id + "/replay", "test-operator-token",
				"application/json-patch+json",
				"[{\"op\": \"replace\", \"path\": \"/form_response/answers/3/url\", \"value\": \"https://shop.example.com/autumn\"}]");
		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(json(get("/api/truth/C-3002")).at("/fields/landing_url").asText())
			.isEqualTo("https://shop.example.com/autumn");
	}

	@Test
	void aTopLevelArrayOfEventsIsMappedAndSplitEventByEvent() throws IOException {
		briefsApproved();
		String hubspot = """
				[{"eventId": 101, "subscriptionType": "contact.propertyChange", "objectId": 51, "propertyValue": "C-1001"},
				 {"eventId": 102, "subscriptionType": "contact.propertyChange", "objectId": 52, "propertyValue": "C-9999"},
				 {"eventId": 103, "subscriptionType": "contact.propertyChange", "objectId": 53, "propertyValue": "C-1001"}]
				""";
		HttpResponse<String> answer = send("tracking-hubspot", bytes(hubspot));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		assertThat(json(answer).get("outcome").asText()).isEqualTo("partly accepted");
		assertThat(json(answer).get("rejected")).singleElement().satisfies(r -> {
			assertThat(r.get("index").asInt()).isEqualTo(1);
			assertThat(r.at("/violations/0/pointer").asText()).startsWith("/1");
			assertThat(r.at("/violations/0/rule").asText()).isEqualTo("unknown-campaign");
		});
		await().atMost(Duration.ofSeconds(15))
			.until(() -> !tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch"))).isEmpty());
		List<String> sentIds = new ArrayList<>();
		JSON.readTree(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/batch"))).get(0).getBody())
			.get("batch")
			.forEach(e -> sentIds.add(e.get("messageId").asText()));
		assertThat(sentIds).containsExactly("101", "103");
	}

	private static JsonNode json(String text) {
		try {
			return JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

}
