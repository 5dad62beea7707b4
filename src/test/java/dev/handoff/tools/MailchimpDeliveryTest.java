package dev.handoff.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped email edge delivers to Mailchimp's Marketing API the way its documentation
 * says a campaign is made: a {@code POST /3.0/campaigns} without the content, then
 * {@code PUT /3.0/campaigns/{id}/content} with the HTML, to the id the first call
 * answered. A delivery that fails midway is retried from where it failed: the campaign is
 * made once.
 */
class MailchimpDeliveryTest extends EdgeTestSupport {

	private static final String CAMPAIGNS = "/email/3.0/campaigns";

	private static final String CONTENT = "/email/3.0/campaigns/b03bfc273a/content";

	@BeforeEach
	void mailchimpMakesCampaignB03() {
		tools.stubFor(post(urlPathEqualTo(CAMPAIGNS)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"b03bfc273a\", \"web_id\": 134, \"type\": \"regular\", \"status\": \"save\"}")));
	}

	@Test
	void createsTheCampaignThenPutsTheGuardedHtmlToTheIdMailchimpAnswered() throws IOException {
		String id = accepted("C-2001");

		await().atMost(Duration.ofSeconds(15)).until(() -> "delivered".equals(status(id)));
		List<LoggedRequest> created = tools.findAll(postRequestedFor(urlPathEqualTo(CAMPAIGNS)));
		assertThat(created).hasSize(1);
		JsonNode campaign = JSON.readTree(created.get(0).getBody());
		assertThat(campaign.at("/settings/subject_line").asText()).isEqualTo("Spring Sale: 30% off everything");
		assertThat(campaign.has("content")).as("the content goes in the second call").isFalse();
		assertThat(campaign.has("handoff")).as("Handoff's block is not Mailchimp's").isFalse();

		List<LoggedRequest> content = tools.findAll(putRequestedFor(urlPathEqualTo(CONTENT)));
		assertThat(content).hasSize(1);
		JsonNode html = JSON.readTree(content.get(0).getBody());
		assertThat(html.fieldNames()).toIterable().containsExactly("html");
		assertThat(html.get("html").asText()).as("the links as the guard tagged them")
			.contains(
					"https://shop.example.com/spring-sale-2027?utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-2027-c-2001")
			.doesNotContain("help.example.org/returns?utm_");
		assertThat(content.get(0).getHeader("Idempotency-Key")).isEqualTo(id);

		JsonNode made = json(get("/api/truth/C-2001")).get("artifacts");
		assertThat(made).as("the campaign's truth names what Mailchimp made").anySatisfy(a -> {
			assertThat(a.get("edge").asText()).isEqualTo("email-campaign");
			assertThat(a.get("id").asText()).isEqualTo("b03bfc273a");
		});
	}

	@Test
	void aContentCallThatFailsThreeTimesEndsInOneCampaignNotFour() {
		tools.stubFor(put(urlPathMatching(CONTENT)).inScenario("content")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(unavailable())
			.willSetStateTo("failed once"));
		tools.stubFor(put(urlPathMatching(CONTENT)).inScenario("content")
			.whenScenarioStateIs("failed once")
			.willReturn(unavailable())
			.willSetStateTo("failed twice"));
		tools.stubFor(put(urlPathMatching(CONTENT)).inScenario("content")
			.whenScenarioStateIs("failed twice")
			.willReturn(unavailable())
			.willSetStateTo("up"));
		tools.stubFor(put(urlPathMatching(CONTENT)).inScenario("content")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"html\": \"...\"}")));
		String id = accepted("C-2002");

		await().atMost(Duration.ofSeconds(30)).until(() -> "delivered".equals(status(id)));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(CAMPAIGNS)))).as("one campaign made").hasSize(1);
		assertThat(tools.findAll(putRequestedFor(urlPathEqualTo(CONTENT))))
			.as("the content set four times, the last one taken")
			.hasSize(4)
			.extracting(r -> r.getHeader("Idempotency-Key"))
			.containsOnly(id);
		assertThat(jdbc.queryForObject("SELECT attempts FROM outbox WHERE id = ?", Integer.class, id)).isEqualTo(4);
		assertThat(jdbc.queryForList("SELECT status FROM delivery_attempt WHERE outbox_id = ? ORDER BY attempt",
				Integer.class, id))
			.containsExactly(503, 503, 503, 200);
	}

	@Test
	void aCampaignMailchimpRefusesBecomesADeliveryRejectWithItsProblem() {
		tools.stubFor(post(urlPathEqualTo(CAMPAIGNS)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/problem+json")
			.withBody(
					"{\"type\": \"https://mailchimp.com/developer/marketing/docs/errors/\", \"title\": \"Invalid Resource\", "
							+ "\"status\": 400, \"detail\": \"The resource submitted could not be validated.\", \"instance\": \"\"}")));
		String id = accepted("C-2003");

		await().atMost(Duration.ofSeconds(15)).until(() -> "failed".equals(status(id)));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo(CAMPAIGNS)))).as("a 400 is not retried").hasSize(1);
		assertThat(tools.findAll(putRequestedFor(urlPathMatching("/email/3.0/campaigns/.*")))).isEmpty();
		JsonNode reject = json(get("/api/rejects?edge=email-campaign&rule=delivery")).get("items").get(0);
		JsonNode violation = json(get("/api/rejects/" + reject.get("id").asText())).get("violations").get(0);
		assertThat(violation.get("actual").asText()).startsWith("400: ").contains("Invalid Resource");
	}

	/**
	 * The shipped brief (versions 1 and 2) and the shipped good email, for a campaign of
	 * this test's own.
	 */
	private String accepted(String campaign) {
		briefsApproved(campaign);
		JsonNode email = example("email-campaign", "01-good-campaign.json");
		((ObjectNode) email.get("handoff")).put("campaign_id", campaign);
		HttpResponse<String> answer = send("email-campaign", bytes(email));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		return json(answer).get("id").asText();
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id);
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder unavailable() {
		return aResponse().withStatus(503)
			.withHeader("Content-Type", "application/problem+json")
			.withBody(
					"{\"type\": \"https://mailchimp.com/developer/marketing/docs/errors/\", \"title\": \"Service Unavailable\", \"status\": 503}");
	}

}
