package dev.handoff.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.reject.Cause;
import org.junit.jupiter.api.Test;

/**
 * What the screens say and do beyond the browser flow: paging, bad filters, missing
 * things, discard and triage.
 */
class UiScreensTest extends EdgeTestSupport {

	private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

	private static final Pattern ROW = Pattern.compile("data-reject=\"([^\"]+)\"");

	@Test
	void theQueuePagesNewestFirstAndSaysWhichOnesItShows() {
		// a campaign of its own, so that what other tests reject does not change the
		// count
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			sent.add(reject("C-5005", "evt-paging-" + i));
		}
		UiClient viewer = UiClient.signedIn(port, "test-viewer-token");
		HttpResponse<String> first = viewer.get("/ui/rejects?campaign=C-5005&status=open&size=2");
		assertThat(first.body()).contains("1–2</span> of <strong>5</strong>")
			.contains("rel=\"next\"")
			.doesNotContain("rel=\"prev\"");
		assertThat(rows(first)).containsExactly(sent.get(4), sent.get(3));
		assertThat(rows(viewer.get("/ui/rejects?campaign=C-5005&status=open&size=2&page=1")))
			.containsExactly(sent.get(2), sent.get(1));
		HttpResponse<String> last = viewer.get("/ui/rejects?campaign=C-5005&status=open&size=2&page=2");
		assertThat(rows(last)).containsExactly(sent.get(0));
		assertThat(last.body()).contains("5–5</span> of <strong>5</strong>")
			.contains("rel=\"prev\"")
			.doesNotContain("rel=\"next\"");
	}

	@Test
	void theQueueShowsOpenRejectsUntilAnotherStatusIsChosen() {
		briefsApproved();
		String open = reject("C-1001", "evt-status");
		UiClient viewer = UiClient.signedIn(port, "test-viewer-token");
		assertThat(viewer.get("/ui/rejects").body()).contains("<option value=\"open\" selected=\"selected\">")
			.contains(open);
		assertThat(viewer.get("/ui/rejects?status=discarded").body()).doesNotContain(open);
		assertThat(viewer.get("/ui/rejects?status=").body()).contains(open);
	}

	@Test
	void theEdgeFilterOffersEveryEdgeAndIsLockedWhileACauseChoosesTheEdge() {
		briefsApproved();
		reject("C-1001", "evt-edge-filter");
		UiClient viewer = UiClient.signedIn(port, "test-viewer-token");
		String byEdge = viewer.get("/ui/rejects?edge=tracking-event").body();
		assertThat(byEdge).contains("<select name=\"edge\">")
			.contains("<option value=\"tracking-event\" selected=\"selected\">tracking-event</option>")
			.contains("<option value=\"email-campaign\">email-campaign</option>");
		String cause = new Cause.Key("tracking-event", "generated-mismatch", "/context/campaign/medium").id();
		assertThat(viewer.get("/ui/rejects?cause=" + cause).body())
			.contains("<select name=\"edge\" disabled=\"disabled\">");
		assertThat(viewer.get("/ui/drift?edge=email-campaign").body())
			.contains("<option value=\"email-campaign\" selected=\"selected\">email-campaign</option>");
		assertThat(viewer.get("/ui/report?edge=email-campaign").body())
			.contains("<option value=\"email-campaign\" selected=\"selected\">email-campaign</option>");
	}

	@Test
	void aFilterThatCannotWorkIsExplainedInWords() {
		UiClient viewer = UiClient.signedIn(port, "test-viewer-token");
		HttpResponse<String> backwards = viewer.get("/ui/rejects?since=2027-03-02T10:00&until=2027-03-01T10:00");
		assertThat(backwards.statusCode()).isEqualTo(200);
		assertThat(backwards.body()).contains("must be before until");
		HttpResponse<String> notADate = viewer.get("/ui/rejects?since=yesterday");
		assertThat(notADate.statusCode()).isEqualTo(400);
		assertThat(notADate.body()).contains("&#39;yesterday&#39; is not a valid value for since")
			.doesNotContain("java.");
	}

	@Test
	void somethingThatDoesNotExistIsAPageThatSaysSo() {
		UiClient viewer = UiClient.signedIn(port, "test-viewer-token");
		HttpResponse<String> reject = viewer.get("/ui/rejects/no-such-reject");
		assertThat(reject.statusCode()).isEqualTo(404);
		assertThat(reject.body()).contains("There is no reject &#39;no-such-reject&#39;");
		HttpResponse<String> campaign = viewer.get("/ui/truth/C-9999");
		assertThat(campaign.statusCode()).isEqualTo(404);
		assertThat(campaign.body()).contains("No approved brief for this campaign");
	}

	@Test
	void aDiscardNeedsAReasonWhichIsKeptInTheHistory() {
		briefsApproved();
		String reject = reject("C-1001", "evt-discard");
		UiClient operator = UiClient.signedIn(port, "test-operator-token");
		operator.get("/ui/rejects/" + reject);
		assertThat(operator.post("/ui/rejects/" + reject + "/discard", Map.of("reason", " ")).statusCode())
			.isEqualTo(302);
		assertThat(operator.get("/ui/rejects/" + reject).body()).contains("Say why it is discarded");
		assertThat(status(reject)).isEqualTo("open");
		operator.post("/ui/rejects/" + reject + "/discard", Map.of("reason", "a test message"));
		HttpResponse<String> page = operator.get("/ui/rejects/" + reject);
		assertThat(status(reject)).isEqualTo("discarded");
		assertThat(page.body()).contains("Discarded: it stays here for the record", "Reason: a test message",
				"test-operator");
		HttpResponse<String> again = operator.post("/ui/rejects/" + reject + "/replay", Map.of());
		assertThat(again.statusCode()).isEqualTo(302);
		assertThat(operator.get("/ui/rejects/" + reject).body()).as("a discarded reject is not replayed")
			.contains("only an open reject");
	}

	@Test
	void triageSetsTheStateOfACauseForEveryoneToSee() {
		briefsApproved();
		reject("C-1001", "evt-triage");
		String cause = new Cause.Key("tracking-event", "generated-mismatch", "/context/campaign/medium").id();
		UiClient operator = UiClient.signedIn(port, "test-operator-token");
		operator.get("/ui");
		HttpResponse<String> triaged = operator.post("/ui/causes/" + cause + "/state", Map.of("state", "acknowledged"));
		assertThat(triaged.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/ui"));
		String home = UiClient.signedIn(port, "test-viewer-token").get("/ui").body();
		assertThat(home).contains("badge state-acknowledged");
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit WHERE action = 'triage' AND subject = ? AND actor = 'test-operator'",
				Long.class, cause))
			.isEqualTo(1);
	}

	@Test
	void theCampaignListShowsTheNewestChangeFirstWithItsOwnerWhatChangedAndTheEdgesBehind() {
		briefsApproved("C-7007");
		ObjectNode email = (ObjectNode) example("email-campaign", "01-good-campaign.json").deepCopy();
		((ObjectNode) email.get("handoff")).put("campaign_id", "C-7007");
		assertThat(send("email-campaign", bytes(email)).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM outbox WHERE campaign = 'C-7007' AND status = 'delivered'", Long.class) == 1);
		ObjectNode v3 = (ObjectNode) example("brief-approved", "02-late-change-of-landing-url.json").deepCopy();
		((ObjectNode) v3.get("fields")).put("campaign_id", "C-7007")
			.put("version", 3)
			.put("landing_url", "https://shop.example.com/extended");
		assertThat(send("brief-approved", bytes(v3)).statusCode()).isEqualTo(202);
		briefsApproved("C-7008");

		String list = UiClient.signedIn(port, "test-viewer-token").get("/ui/truth").body();

		List<String> order = new ArrayList<>();
		Matcher rows = Pattern.compile("data-campaign=\"([^\"]+)\"").matcher(list);
		while (rows.find()) {
			order.add(rows.group(1));
		}
		assertThat(order).containsSubsequence("C-7008", "C-7007");
		String changed = row(list, "C-7007");
		assertThat(changed).contains(">3</td>", "maria.lopez", "Spring Sale 2027",
				"landing_url: https://shop.example.com/spring-sale-2027 → https://shop.example.com/extended",
				"href=\"/ui/drift?campaign=C-7007&amp;edge=email-campaign\"");
		String untouched = row(list, "C-7008");
		assertThat(untouched).contains(">2</td>", "<span class=\"muted\">nothing</span>").doesNotContain("/ui/drift");
	}

	@Test
	void aHeldEmailShowsWhatTheGateMatchedAndTheEmailAsItWouldBeSentWhereNothingLoadsOrRuns() throws Exception {
		briefsApproved();
		ObjectNode offer = (ObjectNode) JSON
			.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("demo/email-regulated-offer.json")));
		HttpResponse<String> held = send("email-campaign", bytes(offer));
		assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
		String id = json(held).get("id").asText();
		UiClient approver = UiClient.signedIn(port, "test-approver-token");

		String page = approver.get("/ui/held").body();
		String card = page.substring(page.indexOf("data-held=\"" + id + "\""));
		assertThat(card).contains("the gate matched\n\t\t\t\t\t\t<code>/handoff/regulated_offer</code>");
		Matcher marked = Pattern.compile("<li class=\"[^\"]*gate-mark[^\"]*\"\\s+data-pointer=\"([^\"]+)\"")
			.matcher(card.substring(0, card.indexOf("</article>")));
		List<String> pointers = new ArrayList<>();
		while (marked.find()) {
			pointers.add(marked.group(1));
		}
		assertThat(pointers).as("only the value the gate matched is marked")
			.containsExactly("/handoff/regulated_offer");
		assertThat(card)
			.contains("<iframe sandbox=\"\" referrerpolicy=\"no-referrer\" src=\"/ui/held/" + id + "/email\"");

		HttpResponse<String> email = approver.get("/ui/held/" + id + "/email");
		assertThat(email.statusCode()).isEqualTo(200);
		assertThat(email.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(email.headers().allValues("Content-Security-Policy")).containsExactly(HeldScreen.PREVIEW_POLICY);
		assertThat(email.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
		// as it would be sent: the owned link tagged with the generated UTM parameters,
		// not as the tool typed it
		assertThat(email.body()).startsWith("<html><body><h1>Spring Sale</h1>")
			.contains("https://shop.example.com/spring-sale-2027?utm_")
			.doesNotContain("\"content\"");
		assertThat(approver.get("/ui/held/no-such-id/email").statusCode()).isEqualTo(404);
	}

	/** One campaign's row of the list. */
	private static String row(String page, String campaign) {
		int start = page.indexOf("data-campaign=\"" + campaign + "\"");
		assertThat(start).as("a row for " + campaign).isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

	private String reject(String campaign, String messageId) {
		ObjectNode event = (ObjectNode) example("tracking-event", "02-typed-medium.json").deepCopy();
		event.put("messageId", messageId);
		((ObjectNode) event.get("properties")).put("campaign_id", campaign);
		HttpResponse<String> answer = send("tracking-event", bytes(event));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		return json(answer).get("id").asText();
	}

	private static List<String> rows(HttpResponse<String> page) {
		List<String> ids = new ArrayList<>();
		Matcher row = ROW.matcher(page.body());
		while (row.find()) {
			ids.add(row.group(1));
		}
		return ids;
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM reject WHERE id = ?", String.class, id);
	}

}
