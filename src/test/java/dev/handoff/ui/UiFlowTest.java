package dev.handoff.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.reject.Cause;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review UI in a real headless Chromium, as a campaign operator uses it: a message
 * bounced, they sign in, find the cause, open the reject, see the wrong value marked, fix
 * it and send it on, and the tool gets the fixed message once. Screenshots of each screen
 * go to {@code target/ui-screenshots/}.
 */
class UiFlowTest extends EdgeTestSupport {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target/ui-screenshots");

	private static final int WIDTH = 1366;

	private static final String TRACK = "/tracking/v1/track";

	private static WebDriver browser;

	private static WebDriverWait wait;

	@BeforeAll
	static void startChromium() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		// skipped on a developer's machine without them; under CI (.ci/run installs them
		// and sets CI=true) a missing
		// browser is a failure, so the UI is never left untested by accident
		if (!installed && "true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("UiFlowTest needs " + CHROMIUM + " and " + CHROMEDRIVER + " under CI");
		}
		Assumptions.assumeTrue(installed,
				"needs " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install -y chromium chromium-driver)");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=" + WIDTH + ",900",
				"--user-data-dir=" + Files.createTempDirectory("handoff-chromium-"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
		wait = new WebDriverWait(browser, Duration.ofSeconds(10));
		Files.createDirectories(SCREENSHOTS);
		// pictures of an earlier run would pass for this one's
		try (var old = Files.list(SCREENSHOTS)) {
			for (Path picture : old.toList()) {
				Files.delete(picture);
			}
		}
	}

	@AfterAll
	static void stopChromium() {
		if (browser != null) {
			browser.quit();
		}
	}

	@AfterEach
	void signOut() {
		if (browser != null) {
			browser.manage().deleteAllCookies();
		}
	}

	@Test
	void anOperatorFindsTheCauseFixesTheValueAndTheToolGetsTheFixedMessageOnce() {
		briefsApproved();
		String reject = rejected(example("tracking-event", "02-typed-medium.json"));

		open("/ui");
		wait.until(ExpectedConditions.urlContains("/ui/login"));
		screenshot("01-login");
		signIn("not-a-token");
		assertThat(visible(By.id("login-error")).getText()).contains("not recognised");
		screenshot("02-login-wrong-token");
		signIn("test-operator-token");

		String typedMedium = new Cause.Key("tracking-event", "generated-mismatch", "/context/campaign/medium").id();
		WebElement cause = visible(By.cssSelector("tr[data-cause='" + typedMedium + "']"));
		assertThat(cause.getText()).contains("Typed instead of generated", "tracking-event",
				"context › campaign › medium", "open");
		assertThat(visible(By.cssSelector(".summary .tile")).getText()).startsWith(openRejects(null) + "\nopen reject");
		screenshot("03-causes");

		browser.findElement(By.linkText("Queue")).click();
		new Select(visible(By.name("edge"))).selectByValue("tracking-event");
		new Select(browser.findElement(By.name("status"))).selectByValue("open");
		browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
		wait.until(ExpectedConditions.urlContains("edge=tracking-event"));
		long onEdge = openRejects("tracking-event");
		assertThat(visible(By.cssSelector(".range")).getText()).isEqualTo("1–" + onEdge + " of " + onEdge);
		screenshot("04-queue-filtered");
		browser.findElement(By.cssSelector("tr[data-reject='" + reject + "'] a.open-reject")).click();

		WebElement mark = visible(By.cssSelector("li.violation-mark[data-pointer='/context/campaign/medium']"));
		assertThat(mark.getText()).contains("\"medium\"").contains("\"Email\"");
		assertThat(mark.findElement(By.cssSelector("a.marker")).getText()).isEqualTo("1");
		assertThat(browser.findElement(By.cssSelector("#v1 .expected .value")).getText()).isEqualTo("email");
		assertThat(browser.findElement(By.cssSelector("#v1 .actual .value")).getText()).isEqualTo("Email");
		assertThat(browser.findElement(By.id("v1")).getText()).contains("Typed instead of generated",
				"context › campaign › medium");
		assertThat(browser.findElements(By.cssSelector(".violation-mark"))).hasSize(1);
		screenshot("05-reject");

		edit("\"Email\"", "\"EMAIL\"");
		WebElement stillWrong = visible(By.id("still-wrong"));
		assertThat(stillWrong.getText()).contains("Still rejected", "Typed instead of generated", "EMAIL");
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("open");
		assertThat(browser.findElement(By.id("editor")).getDomProperty("value")).as("the edits are kept")
			.contains("\"EMAIL\"");
		screenshot("06-still-rejected");

		edit("\"EMAIL\"", "\"email\"");
		assertThat(visible(By.cssSelector(".notice.good")).getText()).contains("Sent on");
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("replayed");
		assertThat(browser.findElements(By.id("editor"))).as("nothing left to fix").isEmpty();
		assertThat(browser.findElement(By.id("history")).getText()).contains("Arrived",
				"Replayed with changes: rejected again", "Replayed with changes: accepted and sent on",
				"Changed context › campaign › medium to email", "test-operator");
		screenshot("07-replayed");

		open("/ui/rejects?edge=tracking-event&status=open");
		visible(By.cssSelector(".range"));
		assertThat(browser.findElements(By.cssSelector("tr[data-reject='" + reject + "']")))
			.as("it left the open queue")
			.isEmpty();

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> tools.verify(1, postRequestedFor(urlPathEqualTo(TRACK))
				.withRequestBody(matchingJsonPath("$.context.campaign.medium", equalTo("email")))));
		tools.verify(0, postRequestedFor(urlPathEqualTo(TRACK))
			.withRequestBody(matchingJsonPath("$.context.campaign.medium", equalTo("Email"))));
		tools.verify(0, postRequestedFor(urlPathEqualTo(TRACK))
			.withRequestBody(matchingJsonPath("$.context.campaign.medium", equalTo("EMAIL"))));
		tools.verify(1, postRequestedFor(urlPathEqualTo(TRACK)));

		open("/ui/edges");
		assertThat(visible(By.cssSelector("tr[data-edge='tracking-event']")).getText()).contains("tracking-event",
				"/tracking/v1/track");
		screenshot("08-edges");
		WebElement search = browser.findElement(By.name("campaign"));
		search.sendKeys("C-1001");
		search.submit();
		assertThat(visible(By.id("truth-fields")).getText()).contains("landing_url");
		assertThat(browser.findElement(By.id("versions")).getText()).contains("landing_url:");
		screenshot("09-truth");
	}

	@Test
	void aViewerSeesPersonalDataMaskedAndNoWayToChangeAnything() {
		briefsApproved();
		String reject = rejected(example("tracking-event", "02-typed-medium.json"));
		open("/ui/login");
		signIn("test-viewer-token");
		visible(By.cssSelector("tr[data-cause]"));
		assertThat(browser.findElements(By.cssSelector("form.triage"))).isEmpty();
		screenshot("10-viewer-causes");

		open("/ui/rejects/" + reject);
		visible(By.cssSelector(".violation-mark"));
		String page = browser.getPageSource();
		assertThat(page).doesNotContain("u-829361", "203.0.113.7").contains("•••");
		assertThat(browser.findElement(By.cssSelector("li[data-pointer='/userId']")).getText()).contains("•••");
		assertThat(browser.findElements(By.id("editor"))).isEmpty();
		assertThat(browser.findElements(By.id("replay-as-is"))).isEmpty();
		assertThat(browser.findElements(By.id("discard"))).isEmpty();
		assertThat(browser.findElement(By.cssSelector(".topbar .who")).getText()).contains("test-viewer", "VIEWER");
		screenshot("11-viewer-reject");
	}

	@Test
	void aFormPostedWithoutItsTokenIsRefusedAndChangesNothing() {
		briefsApproved();
		String reject = rejected(example("tracking-event", "02-typed-medium.json"));
		open("/ui/login");
		signIn("test-operator-token");
		open("/ui/rejects/" + reject);
		((JavascriptExecutor) browser)
			.executeScript("document.querySelector('#discard-form input[name=_csrf]').remove()");
		browser.findElement(By.id("reason")).sendKeys("forged");
		browser.findElement(By.id("discard")).click();
		assertThat(visible(By.tagName("h1")).getText()).isEqualTo("This form has expired");
		assertThat(browser.findElement(By.cssSelector(".status-code")).getText()).isEqualTo("403");
		screenshot("12-form-without-token");

		open("/ui/rejects/" + reject);
		assertThat(visible(By.id("status")).getText()).isEqualTo("open");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit WHERE subject = ?", Long.class, reject)).isZero();
	}

	@Test
	void rejectsThatTodaysBriefWouldAcceptAreReplayedTogetherAfterAPreview() {
		// two events and one with a typed medium, all for a campaign whose brief has not
		// arrived yet
		rejected(event("C-3003", "evt-bulk-1", null));
		rejected(event("C-3003", "evt-bulk-2", null));
		rejected(event("C-3003", "evt-bulk-3", "Email"));
		ObjectNode brief = (ObjectNode) example("brief-approved", "01-approved-brief.json").deepCopy();
		brief.put("id", "recBulkReplay3003");
		((ObjectNode) brief.get("fields")).put("campaign_id", "C-3003");
		assertThat(send("brief-approved", bytes(brief)).statusCode()).isEqualTo(202);

		open("/ui/login");
		signIn("test-operator-token");
		open("/ui/rejects?campaign=C-3003");
		assertThat(visible(By.cssSelector(".range")).getText()).contains("1–3 of 3");
		browser.findElement(By.id("bulk-preview")).click();
		WebElement preview = visible(By.id("preview"));
		assertThat(preview.getText()).contains("3\nselected", "2\nwould be sent on", "1\nwould be rejected again");
		screenshot("13-bulk-preview");
		browser.findElement(By.id("bulk-run")).click();
		assertThat(visible(By.id("bulk-result")).getText()).contains("2 sent on", "1 rejected again");
		screenshot("14-bulk-done");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> tools.verify(2, postRequestedFor(urlPathEqualTo(TRACK))
				.withRequestBody(matchingJsonPath("$.properties.campaign_id", equalTo("C-3003")))));
	}

	@Test
	void anEdgeThatDeliveredBeforeALateChangeOfTheBriefShowsAsDrift() {
		brief("recDriftC4004abcd", 1, "https://shop.example.com/autumn");
		ObjectNode email = (ObjectNode) example("email-campaign", "01-good-campaign.json").deepCopy();
		((ObjectNode) email.get("handoff")).put("campaign_id", "C-4004")
			.put("brief_version", 1)
			.put("landing_url", "https://shop.example.com/autumn");
		((ObjectNode) email.get("content")).put("html",
				"<html><body><a href=\"https://shop.example.com/autumn\">Shop</a></body></html>");
		HttpResponse<String> accepted = send("email-campaign", bytes(email));
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> tools.verify(postRequestedFor(urlPathEqualTo("/email/3.0/campaigns"))
				.withRequestBody(matchingJsonPath("$.tracking.google_analytics", containing("c-4004")))));
		brief("recDriftC4004abcd", 2, "https://shop.example.com/autumn-2027");

		open("/ui/login");
		signIn("test-viewer-token");
		open("/ui/drift?campaign=C-4004");
		WebElement row = visible(By.cssSelector("tr[data-drift='C-4004/email-campaign']"));
		assertThat(row.getText()).contains("delivered on v1", "brief is now v2", "landing_url",
				"https://shop.example.com/autumn", "https://shop.example.com/autumn-2027", "Rebuild");
		screenshot("15-drift");
	}

	@Test
	void everyScreenFitsFrom800PixelsWideWithNothingScrollingSidewaysAndTheWholeTopBarShown() throws Exception {
		briefsApproved();
		ObjectNode typed = (ObjectNode) example("tracking-event", "02-typed-medium.json").deepCopy();
		typed.put("messageId", "evt-layout");
		HttpResponse<String> rejected = send("tracking-event", bytes(typed));
		assertThat(rejected.statusCode()).isEqualTo(422);
		assertThat(send("email-campaign",
				bytes(JSON.readTree(
						java.nio.file.Files.readString(java.nio.file.Path.of("demo/email-regulated-offer.json")))))
			.statusCode()).isEqualTo(202);
		Map<String, String> screens = new java.util.LinkedHashMap<>();
		screens.put("problems", "/ui");
		screens.put("queue", "/ui/rejects");
		screens.put("reject", "/ui/rejects/" + json(rejected).get("id").asText());
		screens.put("held", "/ui/held");
		screens.put("drift", "/ui/drift");
		screens.put("edges", "/ui/edges");
		screens.put("campaigns", "/ui/truth");
		screens.put("truth", "/ui/truth/C-1001");
		screens.put("report", "/ui/report");
		open("/ui/login");
		signIn("test-operator-token");
		List<String> misfits = new ArrayList<>();
		for (int width : new int[] { 800, 1366 }) {
			for (Map.Entry<String, String> screen : screens.entrySet()) {
				browser.manage().window().setSize(new Dimension(width, 900));
				open(screen.getValue());
				visible(By.cssSelector("main h1"));
				misfits().forEach(m -> misfits.add(screen.getKey() + " at " + width + " px: " + m));
				screenshot("width-" + width + "-" + screen.getKey(), width);
			}
		}
		browser.manage().window().setSize(new Dimension(WIDTH, 900));
		assertThat(misfits).isEmpty();
	}

	@Test
	void anApproverApprovesAHeldRegulatedOfferAndTheEmailPlatformGetsItOnce() throws Exception {
		briefsApproved();
		ObjectNode offer = (ObjectNode) JSON
			.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("demo/email-regulated-offer.json")));
		((ObjectNode) offer.get("settings")).put("title", "Held in the browser");
		// a script that would rewrite the email and a remote image that would report the
		// view: neither may work in review
		((ObjectNode) offer.get("content")).put("html", offer.at("/content/html")
			.asText()
			.replace("<h1>Spring Sale</h1>",
					"<h1 id=\"headline\">Spring Sale</h1><script>document.getElementById('headline').textContent = 'script ran';</script>"
							+ "<img src=\"" + tools.baseUrl() + "/pixel.gif\" alt=\"\">"));
		HttpResponse<String> held = send("email-campaign", bytes(offer));
		assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
		String id = json(held).get("id").asText();

		open("/ui/login");
		signIn("test-approver-token");
		open("/ui/held");
		WebElement card = visible(By.cssSelector("article[data-held='" + id + "']"));
		assertThat(card.getText()).contains("Legal review of regulated offers", "Held in the browser",
				"the gate matched /handoff/regulated_offer");
		assertThat(card.findElements(By.cssSelector("li.gate-mark"))).singleElement()
			.satisfies(line -> assertThat(line.getAttribute("data-pointer")).isEqualTo("/handoff/regulated_offer"));
		screenshot("18-held");
		browser.switchTo().frame(card.findElement(By.cssSelector(".email-preview iframe")));
		assertThat(wait.until(d -> d.findElement(By.id("headline"))).getText()).as("rendered, with scripts off")
			.isEqualTo("Spring Sale");
		assertThat(browser.findElement(By.linkText("Shop the sale")).getAttribute("href")).contains("utm_");
		browser.switchTo().defaultContent();
		assertThat(tools.findAll(anyRequestedFor(urlPathEqualTo("/pixel.gif")))).as("nothing loaded from elsewhere")
			.isEmpty();
		assertThat(tools.findAll(
				anyRequestedFor(urlPathMatching("/email/3.0/campaigns.*")).withHeader("Idempotency-Key", equalTo(id))))
			.as("nothing leaves before approval")
			.isEmpty();
		card.findElement(By.cssSelector("form.approve input[name=comment]")).sendKeys("terms and footer checked");
		card.findElement(By.cssSelector("form.approve button")).click();
		WebElement notice = visible(By.cssSelector(".notice.good"));
		assertThat(notice.getText()).contains("Approved");
		assertThat(visible(By.cssSelector("tr[data-decided='" + id + "']")).getText()).contains("approved",
				"test-approver", "terms and footer checked");
		screenshot("19-held-approved");
		// Mailchimp's content call for this message: once (the campaign itself is made
		// once per campaign)
		await().atMost(Duration.ofSeconds(10))
			.until(() -> tools
				.findAll(putRequestedFor(urlPathMatching("/email/3.0/campaigns/[^/]+/content"))
					.withHeader("Idempotency-Key", equalTo(id)))
				.size() == 1);
	}

	@Test
	void everyProblemOfAMessageIsMarkedWhereItIsAndTextThatIsNotJsonIsShownAsText() {
		briefsApproved();
		HttpResponse<String> schemaErrors = send("email-campaign",
				bytes(example("email-campaign", "08-schema-errors.json")));
		assertThat(schemaErrors.statusCode()).as(schemaErrors.body()).isEqualTo(422);
		HttpResponse<String> form = send("tracking-event", bytes("event=Email+Opened&userId=u-1"));
		assertThat(form.statusCode()).as(form.body()).isEqualTo(422);

		open("/ui/login");
		signIn("test-operator-token");
		open("/ui/rejects/" + json(schemaErrors).get("id").asText());
		visible(By.id("payload"));
		assertThat(browser.findElements(By.cssSelector("a.marker"))).hasSize(4);
		assertThat(browser.findElement(By.cssSelector("li.violation-mark[data-pointer='/settings']")).getText())
			.as("a missing field is marked on the object that lacks it")
			.contains("\"settings\"");
		assertThat(browser.findElement(By.cssSelector("li.violation-mark[data-pointer='/type']")).getText())
			.contains("\"rss\"");
		assertThat(browser.findElements(By.cssSelector(".problems .violation"))).extracting(WebElement::getText)
			.anySatisfy(text -> assertThat(text).contains("Missing field", "settings › subject_line"))
			.anySatisfy(text -> assertThat(text).contains("Value not allowed", "one of: regular, plaintext", "rss"));
		// the list id's pattern stays in the engineers' fold until someone opens it
		WebElement listId = browser.findElements(By.cssSelector(".problems .violation"))
			.stream()
			.filter(v -> v.getText().contains("recipients › list_id"))
			.findFirst()
			.orElseThrow();
		assertThat(listId.getText())
			.contains("recipients › list_id is not in the expected form (for example \"4ca5becb8d\")")
			.doesNotContain("^[a-f0-9]{10}$");
		listId.findElement(By.cssSelector("details.engineer summary")).click();
		assertThat(listId.findElement(By.cssSelector("details.engineer pre.validator")).getText())
			.isEqualTo("#/recipients/list_id: string [Main list] does not match pattern ^[a-f0-9]{10}$");
		screenshot("16-several-problems");

		open("/ui/rejects/" + json(form).get("id").asText());
		assertThat(visible(By.cssSelector("pre.text.violation-mark")).getText())
			.isEqualTo("event=Email+Opened&userId=u-1");
		assertThat(browser.findElement(By.id("v1")).getText()).contains("Not readable");
		screenshot("17-not-json");
	}

	@Test
	void aLeadReadsTheTruthTaxOfTheDayOnOneScreen() {
		if (get("/api/truth/C-1001").statusCode() != 200) {
			briefsApproved();
		}
		HttpResponse<String> typed = send("email-campaign",
				bytes(example("email-campaign", "02-typed-utm-campaign.json")));
		assertThat(typed.statusCode()).as(typed.body()).isEqualTo(422);
		assertThat(postApi("/api/rejects/" + json(typed).get("id").asText() + "/replay", "test-operator-token",
				"application/json-patch+json", "[{\"op\": \"remove\", \"path\": \"/tracking/google_analytics\"}]")
			.statusCode()).isEqualTo(200);
		assertThat(send("email-campaign", bytes(example("email-campaign", "03-built-from-the-old-brief.json")))
			.statusCode()).isEqualTo(422);
		assertThat(send("cms-landing-page", bytes(example("cms-landing-page", "01-good-page.json"))).statusCode())
			.isEqualTo(202);

		open("/ui/login");
		signIn("test-viewer-token");
		open("/ui/report?since=1d");
		assertThat(visible(By.cssSelector("p.headline")).getText())
			.contains("of messages arrived right the first time;", "needed rework;");
		assertThat(browser.findElement(By.cssSelector("tr[data-line='email-campaign|C-1001']")).getText())
			.startsWith("C-1001");
		assertThat(browser.findElements(By.cssSelector("ol.top-errors li"))).isNotEmpty();
		screenshot("20-report");
	}

	@Test
	void eachFixButtonOnTheShippedExamplesRejectsLeadsToAnAcceptedReplayWithNoTyping() throws IOException {
		briefsApproved();
		// where each edge's tool takes the message itself: Mailchimp's campaign is made
		// once per campaign and its content
		// per message; the CMS page is made once per campaign and updated at its
		// remembered id after that
		Map<String, String> messageCall = Map.of("email-campaign", "/email/3.0/campaigns/[^/]+/content",
				"cms-landing-page", "/cms/wp-json/wp/v2/pages(/[^/]+)?", "tracking-event", TRACK);
		List<String> fixable = List.of("must-match", "generated-mismatch", "link-utm");
		List<String> rulesSeen = new ArrayList<>();
		open("/ui/login");
		signIn("test-operator-token");
		int tried = 0;
		for (String edge : messageCall.keySet().stream().sorted().toList()) {
			List<Path> files;
			try (var listing = Files.list(Path.of("contracts/examples", edge))) {
				files = listing.sorted().toList();
			}
			for (Path file : files) {
				JsonNode expect = JSON.readTree(file.toFile()).get("expect");
				List<String> rules = new ArrayList<>();
				expect.path("rules").forEach(rule -> rules.add(rule.asText()));
				if (!"rejected".equals(expect.get("outcome").asText()) || !fixable.containsAll(rules)) {
					continue;
				}
				rulesSeen.addAll(rules);
				tried++;
				String name = edge + "/" + file.getFileName();
				HttpResponse<String> answer = send(edge, bytes(example(edge, file.getFileName().toString())));
				assertThat(answer.statusCode()).as(name + ": " + answer.body()).isEqualTo(422);
				String reject = json(answer).get("id").asText();

				open("/ui/rejects/" + reject);
				List<WebElement> buttons = browser.findElements(By.cssSelector("a.fix-button"));
				assertThat(buttons).as(name + " offers a fix").isNotEmpty();
				buttons.get(0).click();
				WebElement verdict = visible(By.id("verdict"));
				assertThat(verdict.getText()).as(name).contains("It would pass every check");
				assertThat(browser.findElements(By.cssSelector("li.changed"))).as(name + ": the changed line is marked")
					.isNotEmpty();
				assertThat(storedStatus(reject)).as(name + ": a preview changes nothing").isEqualTo("open");
				screenshot("21-fix-preview-" + edge + "-" + file.getFileName().toString().replace(".json", ""));
				browser.findElement(By.id("send-fix")).click();
				assertThat(visible(By.cssSelector(".notice.good")).getText()).as(name).contains("Sent on");
				assertThat(browser.findElement(By.id("status")).getText()).as(name).isEqualTo("replayed");
				assertThat(storedStatus(reject)).as(name).isEqualTo("replayed");
				assertThat(get("/api/rejects/" + reject, "test-viewer-token").body()).as(name)
					.contains("\"status\":\"replayed\"");

				String delivery = jdbc.queryForObject("SELECT replayed_as FROM reject WHERE id = ?", String.class,
						reject);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(
							() -> assertThat(tools.findAll(anyRequestedFor(urlPathMatching(messageCall.get(edge)))
								.withHeader("Idempotency-Key", equalTo(delivery)))).as(name + " reaches its tool once")
								.hasSize(1));
				// the message as the guard let it go (a route may send its tool only part
				// of it, as the CMS edge does)
				String sent = new String(
						jdbc.queryForObject("SELECT COALESCE(message, payload) FROM outbox WHERE id = ?", byte[].class,
								delivery),
						java.nio.charset.StandardCharsets.UTF_8);
				for (JsonNode v : expect.path("violations")) {
					JsonNode wrong = v.get("actual");
					if (wrong != null && wrong.isTextual()) {
						assertThat(sent).as(name + ": the wrong value is gone")
							.doesNotContain(v.get("rule").asText().equals("link-utm") ? "=" + wrong.asText()
									: JSON.writeValueAsString(wrong));
					}
					if (!v.get("rule").asText().equals("generated-mismatch")) {
						assertThat(sent).as(name + ": the right value went").contains(v.get("expected").asText());
					}
				}
			}
		}
		assertThat(tried).isGreaterThanOrEqualTo(5);
		assertThat(rulesSeen).as("every kind of fix was clicked").containsAll(fixable);
	}

	@Test
	void anUnreadableEditIsRefusedWithItsLineMarkedAndLeavesNoHistoryAndNoRework() {
		briefsApproved();
		String reject = rejected(example("tracking-event", "02-typed-medium.json"));
		JsonNode reworkBefore = json(get("/api/report?since=1d", "test-viewer-token")).at("/total/rework");
		assertThat(reworkBefore.isMissingNode()).as("the report counts rework").isFalse();
		open("/ui/login");
		signIn("test-operator-token");
		open("/ui/rejects/" + reject);
		assertThat(browser.findElements(By.cssSelector("#editor-lines .gutter li"))).as("every line is numbered")
			.hasSizeGreaterThan(10);
		WebElement editor = visible(By.id("editor"));
		String text = editor.getDomProperty("value");
		// the closing quote of the typed medium goes missing: the text stops being JSON
		// on that line
		String broken = text.replace("\"medium\" : \"Email\"", "\"medium\" : \"Email");
		int line = (int) broken.substring(0, broken.indexOf("\"medium\" : \"Email")).lines().count();
		editor.clear();
		editor.sendKeys(broken);
		browser.findElement(By.id("replay-edited")).click();

		WebElement refused = visible(By.id("unreadable"));
		assertThat(refused.getText()).contains("Nothing was sent and nothing was recorded");
		assertThat(browser.findElements(By.cssSelector("#editor-lines .gutter li.bad-line"))).singleElement()
			.satisfies(mark -> assertThat(mark.getAttribute("data-line")).isIn(String.valueOf(line),
					String.valueOf(line + 1)));
		assertThat(refused.findElement(By.tagName("strong")).getText()).isIn(String.valueOf(line),
				String.valueOf(line + 1));
		assertThat(browser.findElement(By.id("editor")).getDomProperty("value")).as("the text is kept")
			.isEqualTo(broken);
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("open");
		screenshot("22-unreadable-edit");

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit WHERE subject = ?", Long.class, reject))
			.as("no history entry")
			.isZero();
		assertThat(browser.findElement(By.id("history")).getText()).doesNotContain("Replayed");
		assertThat(json(get("/api/report?since=1d", "test-viewer-token")).at("/total/rework")).as("no rework counted")
			.isEqualTo(reworkBefore);
	}

	private String storedStatus(String reject) {
		return jdbc.queryForObject("SELECT status FROM reject WHERE id = ?", String.class, reject);
	}

	private void brief(String record, int version, String landingUrl) {
		ObjectNode brief = (ObjectNode) example("brief-approved", "01-approved-brief.json").deepCopy();
		brief.put("id", record);
		((ObjectNode) brief.get("fields")).put("campaign_id", "C-4004")
			.put("version", version)
			.put("landing_url", landingUrl);
		HttpResponse<String> answer = send("brief-approved", bytes(brief));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
	}

	/**
	 * A click event for a campaign; {@code medium} typed in, or left for Handoff to
	 * generate when null.
	 */
	private static JsonNode event(String campaign, String messageId, String medium) {
		ObjectNode event = (ObjectNode) example("tracking-event", "01-good-click.json").deepCopy();
		event.put("messageId", messageId);
		ObjectNode properties = (ObjectNode) event.get("properties");
		properties.put("campaign_id", campaign);
		properties.put("link_url",
				"https://shop.example.com/spring-sale-2027?utm_source=mailchimp&utm_medium=email&utm_campaign=spring-sale-2027-"
						+ campaign.toLowerCase(java.util.Locale.ROOT));
		if (medium != null) {
			((ObjectNode) event.get("context")).putObject("campaign").put("medium", medium);
		}
		return event;
	}

	private String rejected(JsonNode message) {
		HttpResponse<String> answer = send("tracking-event", bytes(message));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		return json(answer).get("id").asText();
	}

	private long openRejects(String edge) {
		return edge == null ? jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE status = 'open'", Long.class)
				: jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE status = 'open' AND edge = ?", Long.class,
						edge);
	}

	/**
	 * What does not fit the window on the page open now: the page scrolling sideways, a
	 * table wider than its box, a control of the top bar outside the window. Measured in
	 * the page, as the browser laid it out.
	 */
	private static List<String> misfits() {
		@SuppressWarnings("unchecked")
		List<String> found = (List<String>) ((JavascriptExecutor) browser).executeScript(
				"""
						const out = [];
						const page = document.documentElement;
						if (page.scrollWidth > page.clientWidth) out.push('the page scrolls sideways by ' + (page.scrollWidth - page.clientWidth) + ' px');
						document.querySelectorAll('.table-wrap').forEach(t => {
							if (t.scrollWidth > t.clientWidth + 1) out.push('a table scrolls sideways by ' + (t.scrollWidth - t.clientWidth) + ' px');
						});
						document.querySelectorAll('.topbar a, .topbar input:not([type=hidden]), .topbar button').forEach(e => {
							const r = e.getBoundingClientRect();
							if (r.width === 0 || r.left < 0 || r.right > window.innerWidth) out.push('the top bar cuts off ' + (e.textContent.trim() || e.name));
						});
						return out;""");
		return found;
	}

	private void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

	private void signIn(String token) {
		WebElement field = visible(By.id("token"));
		field.clear();
		field.sendKeys(token);
		browser.findElement(By.cssSelector("main.login button[type=submit]")).click();
		if (!token.startsWith("test-")) {
			return;
		}
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/ui/login")));
	}

	/** Changes one value in the editor and replays with the change. */
	private void edit(String from, String to) {
		WebElement editor = visible(By.id("editor"));
		String text = editor.getDomProperty("value");
		assertThat(text).contains("\"medium\" : " + from);
		editor.clear();
		editor.sendKeys(text.replace("\"medium\" : " + from, "\"medium\" : " + to));
		browser.findElement(By.id("replay-edited")).click();
		// the page is replaced: Chromium reports the old editor as stale, or,
		// mid-navigation, as a node of no document
		wait.until(d -> {
			try {
				editor.isEnabled();
				return false;
			}
			catch (org.openqa.selenium.WebDriverException gone) {
				return true;
			}
		});
	}

	/**
	 * The element once it shows; when it never does, a picture of what showed instead,
	 * for whoever reads the failure.
	 */
	private static WebElement visible(By locator) {
		try {
			return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
		}
		catch (TimeoutException e) {
			screenshot("failed-waiting-for-" + locator.toString().replaceAll("[^A-Za-z0-9-]+", "-"));
			throw e;
		}
	}

	/**
	 * The whole page, not just the window: the window is stretched to the page's height
	 * for the picture.
	 */
	private static void screenshot(String name) {
		screenshot(name, WIDTH);
	}

	private static void screenshot(String name, int width) {
		long height = (Long) ((JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollHeight + window.outerHeight - window.innerHeight");
		browser.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 900), 5000)));
		try {
			Files.write(SCREENSHOTS.resolve(name + ".png"),
					((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		finally {
			browser.manage().window().setSize(new Dimension(WIDTH, 900));
		}
	}

}
