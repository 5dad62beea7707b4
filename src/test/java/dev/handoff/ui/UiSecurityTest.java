package dev.handoff.ui;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The review UI's door, seen over plain HTTP: sign-in, the session cookie, the form token
 * and roles.
 */
class UiSecurityTest extends EdgeTestSupport {

	private String reject;

	@BeforeEach
	void aMessageWasRejected() {
		briefsApproved();
		HttpResponse<String> rejected = send("tracking-event",
				bytes(example("tracking-event", "02-typed-medium.json")));
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(422);
		reject = json(rejected).get("id").asText();
		tools.resetRequests();
	}

	@Test
	void aPageAskedForWithoutSigningInLeadsToTheSignInPageAndBackAfterwards() {
		UiClient browser = new UiClient(port);
		HttpResponse<String> page = browser.get("/ui/rejects?edge=tracking-event");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/ui/login?next=%2Fui%2Frejects%3Fedge%3Dtracking-event"));
		browser.get("/ui/login?next=%2Fui%2Frejects%3Fedge%3Dtracking-event");
		HttpResponse<String> signedIn = browser.post("/ui/login",
				Map.of("token", "test-viewer-token", "next", "/ui/rejects?edge=tracking-event"));
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/ui/rejects?edge=tracking-event"));
		assertThat(browser.get("/ui/rejects?edge=tracking-event").statusCode()).isEqualTo(200);
	}

	@Test
	void everyScreenIsBehindTheDoorButTheSignInPageAndItsStylesheetAreNot() {
		UiClient stranger = new UiClient(port);
		for (String path : List.of("/ui", "/ui/rejects", "/ui/rejects/" + reject, "/ui/edges", "/ui/truth/C-1001",
				"/ui/drift", "/ui/rejects/replay")) {
			assertThat(stranger.get(path).statusCode()).as(path).isEqualTo(302);
		}
		assertThat(stranger.get("/ui/login").statusCode()).isEqualTo(200);
		assertThat(stranger.get("/ui/handoff.css").statusCode()).isEqualTo(200);
	}

	@Test
	void aWrongTokenIsToldSoAndDoesNotSignIn() {
		UiClient browser = new UiClient(port);
		browser.get("/ui/login");
		HttpResponse<String> answer = browser.post("/ui/login", Map.of("token", "not-a-token"));
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).contains("That token was not recognised");
		assertThat(browser.get("/ui").statusCode()).isEqualTo(302);
	}

	@Test
	void signingInGivesANewSessionIdInACookieScriptsCannotReadAndOtherSitesCannotSend() {
		UiClient browser = new UiClient(port);
		String before = sessionCookie(browser.get("/ui/login"));
		HttpResponse<String> signedIn = browser.post("/ui/login", Map.of("token", "test-operator-token"));
		String after = sessionCookie(signedIn);
		assertThat(after).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
		assertThat(before).containsIgnoringCase("HttpOnly");
		assertThat(id(after)).as("the id is rotated at sign-in").isNotEqualTo(id(before));
	}

	@Test
	void aFormWithoutItsTokenIsRefusedWith403AndChangesNothing() {
		UiClient operator = UiClient.signedIn(port, "test-operator-token");
		operator.get("/ui/rejects/" + reject);
		HttpResponse<String> forged = operator.postWithoutToken("/ui/rejects/" + reject + "/discard",
				Map.of("reason", "forged"));
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("This form has expired").contains("nothing was changed");
		HttpResponse<String> wrongToken = operator.postWithoutToken("/ui/rejects/" + reject + "/replay",
				Map.of("_csrf", "x" + operator.csrf()));
		assertThat(wrongToken.statusCode()).isEqualTo(403);
		assertThat(status(reject)).isEqualTo("open");
		assertThat(audited(reject)).isZero();
		tools.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aViewerWithAValidFormTokenStillCannotReplayDiscardOrTriage() {
		UiClient viewer = UiClient.signedIn(port, "test-viewer-token");
		HttpResponse<String> page = viewer.get("/ui/rejects/" + reject);
		assertThat(page.body()).doesNotContain("Replay with these changes", "Replay as is", "Discard it");
		HttpResponse<String> replay = viewer.post("/ui/rejects/" + reject + "/replay", Map.of());
		assertThat(replay.statusCode()).isEqualTo(403);
		assertThat(replay.body()).contains("Your role cannot do this").contains("viewer");
		assertThat(viewer.post("/ui/rejects/" + reject + "/discard", Map.of("reason", "tidy")).statusCode())
			.isEqualTo(403);
		assertThat(viewer.post("/ui/rejects/replay", Map.of("edge", "tracking-event")).statusCode()).isEqualTo(403);
		assertThat(viewer.get("/ui/rejects/replay?edge=tracking-event").statusCode()).as("the bulk preview")
			.isEqualTo(403);
		assertThat(status(reject)).isEqualTo("open");
		tools.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void signingOutEndsTheSession() {
		UiClient browser = UiClient.signedIn(port, "test-viewer-token");
		browser.get("/ui");
		assertThat(browser.post("/ui/logout", Map.of()).headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).contains("/ui/login"));
		assertThat(browser.get("/ui").statusCode()).isEqualTo(302);
	}

	@Test
	void afterSigningInALinkCanOnlyLeadToAUiPage() {
		UiClient browser = new UiClient(port);
		browser.get("/ui/login");
		HttpResponse<String> answer = browser.post("/ui/login",
				Map.of("token", "test-viewer-token", "next", "https://elsewhere.example/ui"));
		assertThat(answer.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/ui").doesNotContain("elsewhere"));
	}

	@Test
	void pagesAreNotCachedNorFramed() {
		HttpResponse<String> page = UiClient.signedIn(port, "test-viewer-token").get("/ui");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	private static String sessionCookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
	}

	private static String id(String cookie) {
		return cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));
	}

	private String status(String id) {
		return jdbc.queryForObject("SELECT status FROM reject WHERE id = ?", String.class, id);
	}

	private long audited(String id) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM audit WHERE subject = ?", Long.class, id);
	}

}
