package dev.handoff.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * The report screen shows the same figures as {@code GET /api/report}, in the shared
 * layout, to anyone signed in.
 */
class ReportScreenTest extends EdgeTestSupport {

	private static final String VIEWER = "test-viewer-token";

	/**
	 * The cells of the row with this data-line in each table of the page, one list per
	 * table.
	 */
	private static List<List<String>> cells(String page, String line) {
		List<List<String>> tables = new ArrayList<>();
		Matcher row = Pattern
			.compile("<tr class=\"line-[a-z]+\" data-line=\"" + Pattern.quote(line) + "\">(.*?)</tr>", Pattern.DOTALL)
			.matcher(page);
		while (row.find()) {
			List<String> cells = new ArrayList<>();
			Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
			while (cell.find()) {
				cells.add(HtmlUtils.htmlUnescape(cell.group(1).strip()));
			}
			tables.add(cells);
		}
		return tables;
	}

	@Test
	void showsTheApisFiguresPerEdgeAndCampaignWithTheHeadlineAndTopErrors() {
		String since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
		briefsApproved();
		assertThat(send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json"))).statusCode())
			.isEqualTo(202);
		HttpResponse<String> typed = send("email-campaign",
				bytes(example("email-campaign", "02-typed-utm-campaign.json")));
		assertThat(typed.statusCode()).isEqualTo(422);
		String rejectId = json(typed).get("id").asText();
		assertThat(postApi("/api/rejects/" + rejectId + "/replay", "test-operator-token", "application/json-patch+json",
				"[{\"op\": \"remove\", \"path\": \"/tracking/google_analytics\"}]")
			.statusCode()).isEqualTo(200);
		String until = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS).toString();
		String query = "since=" + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&until="
				+ URLEncoder.encode(until, StandardCharsets.UTF_8);
		JsonNode api = json(get("/api/report?" + query, VIEWER));

		HttpResponse<String> screen = UiClient.signedIn(port, VIEWER).get("/ui/report?" + query);
		assertThat(screen.statusCode()).isEqualTo(200);
		String page = screen.body();
		assertThat(page).contains("<title>Report · Handoff</title>")
			.contains("class=\"active\">Report</a>")
			.contains(HtmlUtils.htmlEscape(api.get("headline").asText()));
		// email-campaign: one accepted, one rejected (then fixed by an edit): 1 / 2
		JsonNode email = api.at("/rows/1");
		assertThat(email.get("edge").asText()).isEqualTo("email-campaign");
		String fix = email.at("/timeToFix/medianSeconds").asText() + " s";
		assertThat(cells(page, "email-campaign|C-1001")).containsExactly(
				List.of("C-1001", "2", "50 %", "1", "0", "generated-mismatch 1"),
				List.of("C-1001", "0", "1", "0", "1", fix, fix, "0", "0", "-", "-"));
		// two briefs and the email's two messages: 3 of 4 right first time
		assertThat(cells(page, "all edges")).containsExactly(
				List.of("all edges", "4", "75 %", "1", "0", "generated-mismatch 1"),
				List.of("all edges", "0", "1", "0", "1", fix, fix, "0", "0", "-", "-"));
		assertThat(cells(page, "brief-approved").get(0)).containsExactly("brief-approved", "2", "100 %", "0", "0", "-");
		assertThat(page).contains("data-cause=\"" + api.at("/topErrors/0/cause").asText() + "\"")
			.contains("href=\"/ui/rejects/" + rejectId + "\"");
	}

	@Test
	void aWindowThatIsNoTimeIsSaidAboveTheFormAndAnEmptyOneShowsZeros() {
		UiClient viewer = UiClient.signedIn(port, VIEWER);
		HttpResponse<String> bad = viewer.get("/ui/report?since=yesterday");
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(HtmlUtils.htmlUnescape(bad.body()))
			.contains("since 'yesterday' is not a time: give days, hours or minutes back")
			.doesNotContain("Rework and waiting");
		HttpResponse<String> gone = viewer.get("/ui/report?since=2020-01-01&until=2020-02-01");
		assertThat(HtmlUtils.htmlUnescape(gone.body()))
			.contains("before the oldest delivered message kept", "delivered messages are kept for 90 days")
			.doesNotContain("Rework and waiting");
		HttpResponse<String> empty = viewer.get("/ui/report?since=80d&until=79d");
		assertThat(empty.body()).contains("No messages in this window.")
			.contains("Nothing was rejected in this window.");
		assertThat(cells(empty.body(), "all edges").get(0)).containsExactly("all edges", "0", "-", "0", "0", "-");
	}

	@Test
	void noOneSeesItWithoutSigningIn() {
		HttpResponse<String> answer = new UiClient(port).get("/ui/report?since=30d");
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).contains("/ui/login?next="));
	}

}
