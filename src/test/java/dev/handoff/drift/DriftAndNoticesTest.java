package dev.handoff.drift;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A late change of a brief: a notice per edge that carried the campaign and is built from
 * a changed field, a drift per such edge until it delivers the current version, and
 * nothing for a change no edge is built from.
 */
class DriftAndNoticesTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void notices(DynamicPropertyRegistry registry) {
		registry.add("handoff.notify.webhook", () -> tools.baseUrl() + "/hooks/default");
		registry.add("handoff.notify.owners.email-campaign.name", () -> "Email team");
		registry.add("handoff.notify.owners.email-campaign.contact", () -> "#email-ops");
		registry.add("handoff.notify.owners.email-campaign.webhook", () -> tools.baseUrl() + "/hooks/email-team");
		registry.add("handoff.notify.base-url", () -> "https://handoff.example.com/");
	}

	@BeforeEach
	void hooksAnswer() {
		tools.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
	}

	private void brief(int version, String landingUrl, String locale) {
		ObjectNode brief = example("brief-approved", "02-late-change-of-landing-url.json").deepCopy();
		((ObjectNode) brief.get("fields")).put("version", version).put("landing_url", landingUrl).put("locale", locale);
		HttpResponse<String> answer = send("brief-approved", bytes(brief));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
	}

	private void email(int version, String landingUrl) {
		ObjectNode email = example("email-campaign", "01-good-campaign.json").deepCopy();
		((ObjectNode) email.get("handoff")).put("brief_version", version).put("landing_url", landingUrl);
		((ObjectNode) email.get("content")).put("html",
				"<html><body><a href=\"" + landingUrl + "\">Shop</a></body></html>");
		HttpResponse<String> answer = send("email-campaign", bytes(email));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
	}

	private List<LoggedRequest> notices(String hook) {
		return tools.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + hook)));
	}

	private JsonNode drift() {
		HttpResponse<String> answer = get("/api/drift?campaign=C-1001", "test-viewer-token");
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return json(answer);
	}

	/**
	 * Mailchimp content calls: one per email delivered (the campaign itself is made once,
	 * then updated).
	 */
	private int emailsDelivered() {
		return tools.findAll(putRequestedFor(urlPathMatching("/email/3.0/campaigns/[^/]+/content"))).size();
	}

	@Test
	void aLateChangeNotifiesEachAffectedEdgeOnceAndItsDriftClearsWhenItDeliversTheNewVersion() throws Exception {
		briefsApproved();
		assertThat(notices("email-team")).as("no edge had carried C-1001 when v2 came").isEmpty();
		email(2, "https://shop.example.com/spring-sale-2027");
		await().atMost(Duration.ofSeconds(10)).until(() -> emailsDelivered() == 1);
		assertThat(drift()).as("the email is on the current version").isEmpty();

		brief(3, "https://shop.example.com/spring-sale-2027-extended", "en-GB");
		await().atMost(Duration.ofSeconds(10)).until(() -> notices("email-team").size() == 1);
		JsonNode notice = JSON.readTree(notices("email-team").get(0).getBodyAsString());
		assertThat(notice.at("/handoff/campaign").asText()).isEqualTo("C-1001");
		assertThat(notice.at("/handoff/edge").asText()).isEqualTo("email-campaign");
		assertThat(notice.at("/handoff/fromVersion").asLong()).isEqualTo(2);
		assertThat(notice.at("/handoff/toVersion").asLong()).isEqualTo(3);
		assertThat(notice.at("/handoff/changes")).hasSize(1);
		assertThat(notice.at("/handoff/changes/0/field").asText()).isEqualTo("landing_url");
		assertThat(notice.at("/handoff/changes/0/from").asText())
			.isEqualTo("https://shop.example.com/spring-sale-2027");
		assertThat(notice.at("/handoff/changes/0/to").asText())
			.isEqualTo("https://shop.example.com/spring-sale-2027-extended");
		assertThat(notice.get("text").asText()).contains("C-1001")
			.contains("v2 → v3")
			.contains("landing_url")
			.contains("Email team")
			.contains("#email-ops")
			.contains("https://handoff.example.com/ui/drift?campaign=C-1001");
		assertThat(notices("default")).as("the email team has its own webhook").isEmpty();

		// the email counts as delivered on v2 once its outcome is written, a moment after
		// Mailchimp had it
		JsonNode drift = await().atMost(Duration.ofSeconds(5)).until(this::drift, d -> d.size() == 1);
		assertThat(drift.at("/0/edge").asText()).isEqualTo("email-campaign");
		assertThat(drift.at("/0/deliveredVersion").asLong()).isEqualTo(2);
		assertThat(drift.at("/0/currentVersion").asLong()).isEqualTo(3);
		assertThat(drift.at("/0/changes/0/field").asText()).isEqualTo("landing_url");
		assertThat(drift.at("/0/redo").asText()).contains("email-campaign").contains("v3");
		String behindSince = drift.at("/0/behindSince").asText();
		java.io.StringWriter out = new java.io.StringWriter();
		int exit = dev.handoff.cli.Cli.run(
				new String[] { "drift", "--campaign", "C-1001", "--url", "http://localhost:" + port, "--token",
						"test-viewer-token" },
				new java.io.PrintWriter(out, true), new java.io.PrintWriter(new java.io.StringWriter(), true));
		assertThat(exit).as("handoff drift fails while something is behind: " + out).isEqualTo(1);
		assertThat(out.toString()).contains("C-1001")
			.contains("email-campaign")
			.contains("v2")
			.contains("v3")
			.contains(
					"landing_url: https://shop.example.com/spring-sale-2027 -> https://shop.example.com/spring-sale-2027-extended");

		brief(4, "https://shop.example.com/spring-sale-2027-extended", "en-US");
		assertThat(send("tracking-event", bytes(example("tracking-event", "01-good-click.json"))).statusCode())
			.isEqualTo(202);
		await().during(Duration.ofMillis(700))
			.atMost(Duration.ofSeconds(3))
			.until(() -> notices("email-team").size() == 1);
		assertThat(notices("default")).as("the locale is not a field the email or the tracking event is built from")
			.isEmpty();
		assertThat(drift().at("/0/currentVersion").asLong()).isEqualTo(4);
		assertThat(drift().at("/0/behindSince").asText()).as("behind since v3, not v4").isEqualTo(behindSince);

		email(4, "https://shop.example.com/spring-sale-2027-extended");
		await().atMost(Duration.ofSeconds(10)).until(() -> emailsDelivered() == 2);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(drift()).as("cleared by delivering v4").isEmpty());
		java.io.StringWriter clear = new java.io.StringWriter();
		assertThat(dev.handoff.cli.Cli.run(
				new String[] { "drift", "--url", "http://localhost:" + port, "--token", "test-viewer-token" },
				new java.io.PrintWriter(clear, true), new java.io.PrintWriter(new java.io.StringWriter(), true)))
			.isZero();
		assertThat(clear.toString()).contains("nothing is behind its brief");

		ObjectNode renamed = example("brief-approved", "02-late-change-of-landing-url.json").deepCopy();
		((ObjectNode) renamed.get("fields")).put("version", 5)
			.put("landing_url", "https://shop.example.com/spring-sale-2027-extended")
			.put("locale", "en-US")
			.put("name", "Spring Sale 2027 Extended");
		assertThat(send("brief-approved", bytes(renamed)).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> notices("email-team").size() == 2 && notices("default").size() == 1);
		JsonNode tracking = JSON.readTree(notices("default").get(0).getBodyAsString());
		assertThat(tracking.at("/handoff/edge").asText())
			.as("the utm campaign of tracked clicks is built from the name")
			.isEqualTo("tracking-event");
		assertThat(tracking.at("/handoff/changes/0/field").asText()).isEqualTo("name");
	}

}
