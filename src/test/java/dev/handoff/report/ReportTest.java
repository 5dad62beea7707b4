package dev.handoff.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The truth tax report against the real service: a fixture scenario whose every figure is
 * worked out by hand in the comments, checked in the JSON, the CSV and the text. The
 * report's "now" is fixed at {@link #NOW}, so that times that run to now are exact too.
 */
@Import(ReportTest.FixedNow.class)
public class ReportTest extends EdgeTestSupport {

	static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");

	static final String VIEWER = "test-viewer-token";

	static final String OPERATOR = "test-operator-token";

	static final String JANUARY = "since=2025-01-01T00:00:00Z&until=2025-02-01T00:00:00Z";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@TestConfiguration
	static class FixedNow {

		@Bean
		Clock reportClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	/** The report for a query string, read as a viewer in all three forms. */
	private ReportViews report(String query) {
		HttpResponse<String> json = get("/api/report?" + query, VIEWER);
		assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
		HttpResponse<String> csv = get("/api/report?format=csv&" + query, VIEWER);
		assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		HttpResponse<String> text = get("/api/report?format=text&" + query, VIEWER);
		assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
		assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		return new ReportViews(json(json), csv.body(), text.body());
	}

	private static String window(Instant since, Instant until) {
		return "since=" + since + "&until=" + until;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * An instant in UTC from "MM-DDTHH:MM[:SS]" in 2025, or from "YYYY-MM-DDTHH:MM[:SS]".
	 */
	static Timestamp at(String when) {
		String full = when.startsWith("20") ? when : "2025-" + when;
		return Timestamp.from(Instant.parse((full.length() == 16 ? full + ":00" : full) + "Z"));
	}

	void outbox(String id, String edge, String campaign, Long version, String created, String delivered) {
		jdbc.update(
				"INSERT INTO outbox (id, edge, contract, contract_sha256, campaign, version, target, payload, status, attempts, "
						+ "next_attempt_at, created_at, delivered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'delivered', 1, ?, ?, ?)",
				id, edge, edge, "0".repeat(64), campaign, version, "http://127.0.0.1:9/" + edge, bytes("{}"),
				at(created), at(created), at(delivered));
	}

	/**
	 * A reject with violations given as rule, pointer, message triples, stored as before
	 * plain wording (no detail): a schema or parse message is worded again when read, the
	 * others are shown as stored.
	 */
	void reject(String id, String edge, String campaign, String received, String status, String changed,
			String replayedAs, String outboxId, String... violations) {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < violations.length; i += 3) {
			json.append(i == 0 ? "" : ",")
				.append("{\"pointer\":\"")
				.append(violations[i + 1])
				.append("\",\"rule\":\"")
				.append(violations[i])
				.append("\",\"message\":\"")
				.append(violations[i + 2])
				.append("\",\"expected\":null,\"actual\":null}");
		}
		jdbc.update(
				"INSERT INTO reject (id, edge, contract, contract_sha256, campaign, payload, payload_size, violations, status, received_at, "
						+ "status_changed_at, replayed_as, outbox_id) VALUES (?, ?, ?, ?, ?, ?, 2, ?, ?, ?, ?, ?, ?)",
				id, edge, edge, "0".repeat(64), campaign, bytes("{}"), json.append(']').toString(), status,
				at(received), changed == null ? null : at(changed), replayedAs, outboxId);
		long seq = jdbc.queryForObject("SELECT seq FROM reject WHERE id = ?", Long.class, id);
		for (int i = 0; i < violations.length; i += 3) {
			jdbc.update(
					"INSERT INTO reject_violation (reject_seq, position, rule, pointer, edge, status, received_at) "
							+ "VALUES (?, ?, ?, ?, ?, ?, ?)",
					seq, i / 3, violations[i], violations[i + 1], edge, status, at(received));
		}
	}

	void audit(String at, String action, String subject, String outcome) {
		jdbc.update(
				"INSERT INTO audit (at, actor, action, subject, outcome, detail) VALUES (?, 'test-operator', ?, ?, ?, '{}')",
				at(at), action, subject, outcome);
	}

	void truth(String campaign, long version, String landingUrl, String locale, String messageId, String recorded) {
		String fields = "{\"id\":\"" + campaign + "\",\"name\":\"Winter Sale\",\"landing_url\":\"" + landingUrl
				+ "\",\"locale\":\"" + locale + "\"}";
		jdbc.update(
				"INSERT INTO truth_version (campaign, version, fields, message_id, recorded_at) VALUES (?, ?, ?, ?, ?)",
				campaign, version, fields, messageId, at(recorded));
	}

	/**
	 * January 2025 on three edges and two campaigns. C-2001's brief changed its landing
	 * URL on 01-20 (v2) and its locale on 01-25 (v3, itself a fixed reject R9 replayed);
	 * C-2002's landing URL changed on 01-28 (v2).
	 */
	void january() {
		truth("C-2001", 1, "https://shop.example.com/winter", "en-GB", "m-2001-1", "2024-12-01T00:00");
		truth("C-2001", 2, "https://shop.example.com/winter-2025", "en-GB", "m-2001-2", "01-20T00:00");
		truth("C-2001", 3, "https://shop.example.com/winter-2025", "de-DE", "m-2001-3", "01-25T00:00");
		truth("C-2002", 1, "https://shop.example.com/snow", "en-GB", "m-2002-1", "2024-12-01T00:00");
		truth("C-2002", 2, "https://shop.example.com/snow-2025", "en-GB", "m-2002-2", "01-28T00:00");

		// email-campaign, C-2001: O0 sits on the window's start (counted), O-before and
		// O-until just outside (not counted)
		outbox("O0", "email-campaign", "C-2001", 1L, "01-01T00:00", "01-01T00:01");
		outbox("O1", "email-campaign", "C-2001", 1L, "01-05T10:00", "01-05T10:01");
		// O2's delivery failed (D1) and went out again when D1 was replayed: it keeps its
		// id, and it was accepted first time
		outbox("O2", "email-campaign", "C-2001", 1L, "01-10T10:00", "01-11T10:20");
		outbox("O3", "email-campaign", "C-2001", 2L, "01-20T11:59", "01-20T12:00");
		outbox("O-before", "email-campaign", "C-2001", 1L, "2024-12-31T23:59:59", "01-01T00:00:30");
		outbox("O-until", "email-campaign", "C-2001", 2L, "02-01T00:00", "02-01T00:01");
		// what replays of R1, R2, R4 and R6 were accepted as: not counted as messages
		outbox("O4", "email-campaign", "C-2001", 1L, "01-12T09:30", "01-12T09:31");
		outbox("O5", "email-campaign", "C-2001", 1L, "01-13T09:00", "01-13T09:01");
		outbox("O6", "email-campaign", "C-2001", 1L, "01-02T00:00", "01-02T00:01");
		outbox("O7", "email-campaign", "C-2001", 1L, "01-15T02:00", "01-15T02:01");
		outbox("P1", "email-campaign", "C-2002", 1L, "01-04T00:00", "01-04T00:00:30");
		outbox("P2", "email-campaign", "C-2002", 2L, "01-28T05:59", "01-28T06:00");
		outbox("Q1", "cms-landing-page", "C-2001", 1L, "01-06T00:00", "01-06T00:01");
		outbox("Q2", "cms-landing-page", "C-2001", 2L, "01-20T23:59", "01-21T00:00");
		outbox("Q3", "cms-landing-page", "C-2001", 3L, "01-25T00:29", "01-25T00:30");
		outbox("Q4", "cms-landing-page", "C-2002", 1L, "01-03T00:00", "01-03T00:01");
		// Handoff's own notice to an owner: not a handoff, never counted
		outbox("N1", "notices", "C-2001", null, "01-20T00:00:01", "01-20T00:00:02");

		reject("R1", "email-campaign", "C-2001", "01-12T09:00", "replayed", "01-12T09:30", "O4", null,
				"generated-mismatch", "/tracking/google_analytics",
				"google_analytics must be generated from the brief");
		reject("D1", "email-campaign", "C-2001", "01-11T10:00", "replayed", "01-11T10:10", "O2", "O2", "delivery", "",
				"http://email refused the message after 4 attempt(s)");
		reject("R2", "email-campaign", "C-2001", "01-13T08:00", "replayed", "01-13T09:00", "O5", null, "stale-version",
				"/handoff/brief_version", "built on brief v1", "must-match", "/handoff/landing_url",
				"landing URL differs");
		reject("R3", "email-campaign", "C-2001", "01-14T09:00", "discarded", "01-14T10:00", null, null, "schema:enum",
				"/type", "type is not one of regular, plaintext", "schema:required", "/settings/subject_line",
				"subject line missing", "schema:enum", "/settings/language", "language is not one of en, de");
		reject("R4", "email-campaign", "C-2001", "01-15T00:00", "replayed", "01-15T02:00", "O7", null,
				"generated-mismatch", "/tracking/google_analytics",
				"google_analytics must be generated from the brief");
		reject("R5", "email-campaign", "C-2001", "01-16T00:00", "open", null, null, null, "generated-mismatch",
				"/tracking/google_analytics", "google_analytics must be generated (R5)");
		// arrived in December, fixed in January: a fix and a replay of January, not a
		// message of it
		reject("R6", "email-campaign", "C-2001", "2024-12-20T00:00", "replayed", "01-02T00:00", "O6", null,
				"generated-mismatch", "/tracking/google_analytics",
				"google_analytics must be generated from the brief");
		reject("R7", "email-campaign", null, "01-17T00:00", "open", null, null, null, "parse", "", "not JSON");
		reject("R8", "cms-landing-page", "C-2002", "01-29T00:00", "open", null, null, null, "must-match",
				"/meta/locale", "locale differs");
		reject("R9", "brief-approved", "C-2001", "01-24T23:00", "replayed", "01-25T00:00", "m-2001-3", null,
				"schema:required", "/fields/channels", "channels missing");
		reject("R10", "email-campaign", "C-2001", "02-01T00:00", "open", null, null, null, "generated-mismatch",
				"/tracking/google_analytics", "arrived on the window's end: not counted");
		reject("R11", "notices", "C-2001", "01-20T00:00", "open", null, null, null, "delivery", "",
				"the owner's webhook refused it");

		audit("01-12T09:30", "edit", "R1", "accepted");
		audit("01-13T08:05", "replay", "R2", "rejected");
		audit("01-13T09:00", "edit", "R2", "accepted");
		audit("01-14T10:00", "discard", "R3", "discarded");
		audit("01-15T02:00", "replay", "R4", "accepted");
		audit("01-02T00:00", "replay", "R6", "accepted");
		audit("2024-12-21T00:00", "replay", "R6", "rejected");
		audit("01-11T10:10", "replay", "D1", "accepted");
		audit("01-25T00:00", "edit", "R9", "accepted");
		audit("01-20T00:00", "bulk-replay", "job-1", "started");
		audit("01-20T00:00", "triage", "ZW1haWw", "acknowledged");
	}

	@Test
	void everyFigureEqualsTheHandComputedOneInJsonCsvAndText() {
		january();
		ReportViews report = report(JANUARY);

		assertThat(report.rowKeys()).containsExactly("brief-approved|C-2001", "brief-approved|C-2002",
				"cms-landing-page|C-2001", "cms-landing-page|C-2002", "email-campaign|C-2001", "email-campaign|C-2002",
				"email-campaign|-");

		// accepted briefs are the truth versions they made: v2 (01-20); v3 came from
		// replaying R9 and does not count.
		// rejected: R9. messages 1 + 1 = 2, right first time 1/2. R9 fixed by an edit:
		// 01-24T23:00 -> 01-25T00:00 = 3600 s
		report.assertRow("brief-approved", "C-2001",
				Expected.messages(2, 1, 1, 0)
					.rate("0.5", "50 %")
					.rework(0, 1, 0, 1)
					.fix(3600, "1 h", 3600, "1 h")
					.rules("schema:required=1"));
		report.assertRow("brief-approved", "C-2002", Expected.messages(1, 1, 0, 0).rate("1", "100 %"));
		// 3 / 3 = 100 %, 1 rejected: 66.67 % shown rounded down
		report.assertEdge("brief-approved",
				Expected.messages(3, 2, 1, 0)
					.rate("0.6667", "66 %")
					.rework(0, 1, 0, 1)
					.fix(3600, "1 h", 3600, "1 h")
					.rules("schema:required=1"));

		// accepted Q1, Q2, Q3. Stale: v2 (landing URL) 01-20T00:00 -> Q2 delivered
		// 01-21T00:00 = 86400 s;
		// v3 (locale, which cms-landing-page must match) 01-25T00:00 -> Q3 01-25T00:30 =
		// 1800 s.
		// sorted [1800, 86400]: median rank ceil(0.5 x 2) = 1 -> 1800; p90 rank ceil(0.9
		// x 2) = 2 -> 86400
		report.assertRow("cms-landing-page", "C-2001",
				Expected.messages(3, 3, 0, 0).rate("1", "100 %").stale(2, 0, 1800, "30 min", 86400, "1 d"));
		// accepted Q4, rejected R8. Stale: v2 01-28T00:00, never delivered since: runs to
		// now (03-01) = 32 d = 2764800 s
		report.assertRow("cms-landing-page", "C-2002",
				Expected.messages(2, 1, 1, 0)
					.rate("0.5", "50 %")
					.stale(1, 1, 2764800, "32 d", 2764800, "32 d")
					.rules("must-match=1"));
		// 4 / 5 = 0.8; stale [1800, 86400, 2764800]: median rank 2 -> 86400, p90 rank
		// ceil(2.7) = 3 -> 2764800
		report.assertEdge("cms-landing-page",
				Expected.messages(5, 4, 1, 0)
					.rate("0.8", "80 %")
					.stale(3, 1, 86400, "1 d", 2764800, "32 d")
					.rules("must-match=1"));

		// accepted O0, O1, O2, O3 = 4 (O-before, O-until outside; O4-O7 made by replays).
		// rejected R1-R5 = 5 (R6 arrived in December,
		// R10 on the end); D1 a delivery failure. messages 4 + 5 = 9, right first time
		// 4/9 = 0.4444.
		// rules: R3's two schema:enum count once. replays: R2 (rejected again), R4, R6,
		// D1 = 4; edits R1, R2 = 2; discards R3 = 1.
		// fixed D1 600 s, R1 1800 s, R2 3600 s, R4 7200 s, R6 13 d = 1123200 s: median
		// rank 3 -> 3600, p90 rank ceil(4.5) = 5 -> 1123200.
		// stale: v2 (landing URL) 01-20T00:00 -> O3 01-20T12:00 = 43200 s; v3 changed
		// only the locale, which emails are not built from
		Expected emailC2001 = Expected.messages(9, 4, 5, 1)
			.rate("0.4444", "44 %")
			.rework(4, 2, 1, 5)
			.fix(3600, "1 h", 1123200, "13 d")
			.stale(1, 0, 43200, "12 h", 43200, "12 h")
			.rules("delivery=1;generated-mismatch=3;must-match=1;schema:enum=1;schema:required=1;stale-version=1");
		report.assertRow("email-campaign", "C-2001", emailC2001);
		// accepted P1, P2; stale: v2 01-28T00:00 -> P2 01-28T06:00 = 21600 s
		report.assertRow("email-campaign", "C-2002",
				Expected.messages(2, 2, 0, 0).rate("1", "100 %").stale(1, 0, 21600, "6 h", 21600, "6 h"));
		// R7 named no campaign
		report.assertRow("email-campaign", null, Expected.messages(1, 0, 1, 0).rate("0", "0 %").rules("parse=1"));
		// 6 / 12; stale [21600, 43200]: median rank 1 -> 21600, p90 rank 2 -> 43200
		report.assertEdge("email-campaign", Expected.messages(12, 6, 6, 1)
			.rate("0.5", "50 %")
			.rework(4, 2, 1, 5)
			.fix(3600, "1 h", 1123200, "13 d")
			.stale(2, 0, 21600, "6 h", 43200, "12 h")
			.rules("delivery=1;generated-mismatch=3;must-match=1;parse=1;schema:enum=1;schema:required=1;stale-version=1"));

		// 12 / 20 = 0.6. fixes [600, 1800, 3600, 3600, 7200, 1123200]: median rank 3 ->
		// 3600, p90 rank ceil(5.4) = 6 -> 1123200.
		// stale [1800, 21600, 43200, 86400, 2764800]: median rank 3 -> 43200, p90 rank
		// ceil(4.5) = 5 -> 2764800
		report.assertTotal(Expected.messages(20, 12, 8, 1)
			.rate("0.6", "60 %")
			.rework(4, 3, 1, 6)
			.fix(3600, "1 h", 1123200, "13 d")
			.stale(5, 1, 43200, "12 h", 2764800, "32 d")
			.rules("delivery=1;generated-mismatch=3;must-match=2;parse=1;schema:enum=1;schema:required=2;stale-version=1"));

		String headline = "60 % of messages arrived right the first time; 9 needed rework; fixes took 1 h (median); "
				+ "after late changes, edges stayed stale 12 h (median).";
		assertThat(report.json.get("headline").asText()).isEqualTo(headline);
		assertThat(report.text)
			.startsWith("Truth tax report, 2025-01-01 00:00 UTC to 2025-02-01 00:00 UTC\n\n" + headline + "\n\n");
		assertThat(report.json.get("since").asText()).isEqualTo("2025-01-01T00:00:00Z");
		assertThat(report.json.get("until").asText()).isEqualTo("2025-02-01T00:00:00Z");
		assertThat(report.json.get("generatedAt").asText()).isEqualTo(NOW.toString());
		assertThat(report.csv).allSatisfy(row -> assertThat(row).containsEntry("since", "2025-01-01T00:00:00Z")
			.containsEntry("until", "2025-02-01T00:00:00Z"));

		// R1, R4, R5 broke generated-mismatch at one pointer; then the single ones, the
		// most recently seen first,
		// and among R3's three (seen at once) by rule, then pointer
		assertThat(report.json.get("topErrors").findValuesAsText("rule")).containsExactly("generated-mismatch",
				"must-match", "schema:required", "parse", "schema:enum");
		JsonNode top = report.json.get("topErrors").get(0);
		assertThat(top.get("edge").asText()).isEqualTo("email-campaign");
		assertThat(top.get("pointer").asText()).isEqualTo("/tracking/google_analytics");
		assertThat(top.get("count").asLong()).isEqualTo(3);
		assertThat(top.get("example").asText()).as("the latest").isEqualTo("R5");
		assertThat(top.get("message").asText()).isEqualTo("google_analytics must be generated (R5)");
		assertThat(report.json.get("topErrors").findValuesAsText("example")).containsExactly("R5", "R8", "R9", "R7",
				"R3");
		assertThat(report.json.get("topErrors").get(4).get("pointer").asText()).isEqualTo("/settings/language");
		HttpResponse<String> cause = get("/api/rejects?cause=" + top.get("cause").asText()
				+ "&since=2025-01-01T00:00:00Z&until=2025-02-01T00:00:00Z", VIEWER);
		assertThat(json(cause).get("total").asLong()).as("the cause id selects its rejects in the queue").isEqualTo(3);
		assertThat(report.text).contains("Top errors\n"
				+ "1. email-campaign  generated-mismatch  /tracking/google_analytics  3 rejects  e.g. R5: google_analytics must be generated (R5)\n"
				+ "2. cms-landing-page  must-match  /meta/locale  1 reject  e.g. R8: locale differs\n"
				+ "3. brief-approved  schema:required  /fields/channels  1 reject  e.g. R9: fields › channels is missing\n"
				+ "4. email-campaign  parse  (whole message)  1 reject  e.g. R7: the message is not JSON\n"
				+ "5. email-campaign  schema:enum  /settings/language  1 reject  e.g. R3: settings › language is not one of the values the contract "
				+ "allows\n");

		// narrowed to one edge and campaign: that row alone, and only its errors
		ReportViews narrowed = report(JANUARY + "&edge=cms-landing-page&campaign=C-2002");
		assertThat(narrowed.rowKeys()).containsExactly("cms-landing-page|C-2002");
		Expected cmsC2002 = Expected.messages(2, 1, 1, 0)
			.rate("0.5", "50 %")
			.stale(1, 1, 2764800, "32 d", 2764800, "32 d")
			.rules("must-match=1");
		narrowed.assertRow("cms-landing-page", "C-2002", cmsC2002);
		narrowed.assertTotal(cmsC2002);
		assertThat(narrowed.json.get("topErrors").findValuesAsText("example")).containsExactly("R8");
		assertThat(narrowed.text).startsWith(
				"Truth tax report, 2025-01-01 00:00 UTC to 2025-02-01 00:00 UTC (edge cms-landing-page, campaign C-2002)\n");
		// the brief edge's accepted briefs are only counted when the report covers it
		ReportViews emailOnly = report(JANUARY + "&edge=email-campaign");
		emailOnly.assertTotal(Expected.messages(12, 6, 6, 1)
			.rate("0.5", "50 %")
			.rework(4, 2, 1, 5)
			.fix(3600, "1 h", 1123200, "13 d")
			.stale(2, 0, 21600, "6 h", 43200, "12 h")
			.rules("delivery=1;generated-mismatch=3;must-match=1;parse=1;schema:enum=1;schema:required=1;stale-version=1"));
	}

	/**
	 * Sends a message to an edge and returns the reject id it became (it must be
	 * rejected).
	 */
	String rejected(String edge, byte[] message) {
		HttpResponse<String> answer = send(edge, message);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
		return json(answer).get("id").asText();
	}

	void accepted(String edge, String example) {
		HttpResponse<String> answer = send(edge, bytes(example(edge, example)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
	}

	@Test
	void aDayOfMessagesRepliesAndFixesAddsUpAsCountedByHand() {
		Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		briefsApproved();
		accepted("email-campaign", "01-good-campaign.json");
		String typed = rejected("email-campaign", bytes(example("email-campaign", "02-typed-utm-campaign.json")));
		String typedAgain = rejected("email-campaign", bytes(example("email-campaign", "02-typed-utm-campaign.json")));
		String stale = rejected("email-campaign", bytes(example("email-campaign", "03-built-from-the-old-brief.json")));
		rejected("email-campaign", bytes(example("email-campaign", "05-unknown-campaign.json")));
		rejected("email-campaign", bytes("{\"type\": \"regular\"} {\"type\": \"plaintext\"}"));
		accepted("cms-landing-page", "01-good-page.json");
		String locale = rejected("cms-landing-page", bytes(example("cms-landing-page", "02-wrong-locale.json")));
		String draft = rejected("brief-approved", bytes(example("brief-approved", "06-draft-with-bad-fields.json")));

		// the typed value taken out: the guard generates it, the edit is accepted, the
		// reject is fixed
		HttpResponse<String> edit = postApi("/api/rejects/" + typed + "/replay", OPERATOR,
				"application/json-patch+json", "[{\"op\": \"remove\", \"path\": \"/tracking/google_analytics\"}]");
		assertThat(edit.statusCode()).as(edit.body()).isEqualTo(200);
		// replayed as stored, both are rejected again; the stale one is then discarded
		assertThat(postApi("/api/rejects/" + stale + "/replay", OPERATOR, null).statusCode()).isEqualTo(422);
		assertThat(postApi("/api/rejects/" + locale + "/replay", OPERATOR, null).statusCode()).isEqualTo(422);
		assertThat(postApi("/api/rejects/" + stale + "/discard", OPERATOR,
				"{\"reason\": \"rebuilt from brief v2 by hand\"}")
			.statusCode()).isEqualTo(200);
		Instant until = Instant.now().plusSeconds(1);
		long fixSeconds = jdbc.queryForObject("SELECT received_at, status_changed_at FROM reject WHERE id = ?", (rs,
				n) -> Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()).getSeconds(),
				typed);
		String fixText = fixSeconds + " s";

		ReportViews report = report(window(since, until));

		assertThat(report.rowKeys()).containsExactly("brief-approved|C-1001", "brief-approved|C-2002",
				"cms-landing-page|C-1001", "email-campaign|C-1001", "email-campaign|C-9999", "email-campaign|-");
		// two briefs made versions 1 and 2 of C-1001; the draft (C-2002) broke three
		// rules
		report.assertRow("brief-approved", "C-1001", Expected.messages(2, 2, 0, 0).rate("1", "100 %"));
		report.assertRow("brief-approved", "C-2002",
				Expected.messages(1, 0, 1, 0).rate("0", "0 %").rules("schema:const=1;schema:enum=1;schema:required=1"));
		report.assertEdge("brief-approved",
				Expected.messages(3, 2, 1, 0)
					.rate("0.6667", "66 %")
					.rules("schema:const=1;schema:enum=1;schema:required=1"));
		// one good page, one with the wrong locale, replayed once in vain
		Expected cms = Expected.messages(2, 1, 1, 0).rate("0.5", "50 %").rework(1, 0, 0, 0).rules("must-match=1");
		report.assertRow("cms-landing-page", "C-1001", cms);
		report.assertEdge("cms-landing-page", cms);
		// one good campaign; the typed tag twice (one fixed by an edit, whose delivery is
		// no new message), the stale one
		// (replayed in vain, then discarded): 1 / 4 right first time
		report.assertRow("email-campaign", "C-1001",
				Expected.messages(4, 1, 3, 0)
					.rate("0.25", "25 %")
					.rework(1, 1, 1, 1)
					.fix(fixSeconds, fixText, fixSeconds, fixText)
					.rules("generated-mismatch=2;must-match=1;stale-version=1"));
		report.assertRow("email-campaign", "C-9999",
				Expected.messages(1, 0, 1, 0).rate("0", "0 %").rules("unknown-campaign=1"));
		report.assertRow("email-campaign", null, Expected.messages(1, 0, 1, 0).rate("0", "0 %").rules("parse=1"));
		// 1 / 6 = 0.16666 -> 0.1667, 16 % rounded down
		report.assertEdge("email-campaign",
				Expected.messages(6, 1, 5, 0)
					.rate("0.1667", "16 %")
					.rework(1, 1, 1, 1)
					.fix(fixSeconds, fixText, fixSeconds, fixText)
					.rules("generated-mismatch=2;must-match=1;parse=1;stale-version=1;unknown-campaign=1"));
		// 4 / 11 = 0.363636 -> 0.3636, 36 %; the late change to v2 came before any edge
		// had delivered C-1001: no stale time
		report.assertTotal(Expected.messages(11, 4, 7, 0)
			.rate("0.3636", "36 %")
			.rework(2, 1, 1, 1)
			.fix(fixSeconds, fixText, fixSeconds, fixText)
			.rules("generated-mismatch=2;must-match=2;parse=1;schema:const=1;schema:enum=1;schema:required=1;stale-version=1;unknown-campaign=1"));
		assertThat(report.json.get("headline").asText()).isEqualTo(
				"36 % of messages arrived right the first time; 7 needed rework; fixes took " + fixText + " (median).");

		// the typed tag twice, then the draft's three rules (seen last), then the locale
		assertThat(report.json.get("topErrors").findValuesAsText("example")).containsExactly(typedAgain, draft, draft,
				draft, locale);
		assertThat(report.json.get("topErrors").findValuesAsText("rule")).containsExactly("generated-mismatch",
				"schema:const", "schema:enum", "schema:required", "must-match");
		JsonNode top = report.json.get("topErrors").get(0);
		assertThat(top.get("count").asLong()).isEqualTo(2);
		assertThat(top.get("message").asText())
			.isEqualTo(json(get("/api/rejects/" + typedAgain, OPERATOR)).at("/violations/0/message").asText());
	}

	@Test
	void sinceCountsBackFromNowInDaysHoursOrMinutesAndUntilIsNow() {
		// now is 2025-03-01T00:00:00Z
		assertThat(json(get("/api/report?since=30d", VIEWER)).get("since").asText()).isEqualTo("2025-01-30T00:00:00Z");
		assertThat(json(get("/api/report?since=12h", VIEWER)).get("since").asText()).isEqualTo("2025-02-28T12:00:00Z");
		assertThat(json(get("/api/report?since=90m", VIEWER)).get("since").asText()).isEqualTo("2025-02-28T22:30:00Z");
		assertThat(json(get("/api/report?since=30d", VIEWER)).get("until").asText()).isEqualTo("2025-03-01T00:00:00Z");
	}

	@Test
	void withoutSinceItCoversTheLast30Days() {
		JsonNode report = json(get("/api/report", VIEWER));
		assertThat(report.get("since").asText()).isEqualTo("2025-01-30T00:00:00Z");
		assertThat(report.get("until").asText()).isEqualTo("2025-03-01T00:00:00Z");
	}

	@Test
	void sinceAndUntilTakeInstantsAndDates() {
		JsonNode report = json(get("/api/report?since=2025-01-01T06:30:00Z&until=2025-01-15T12:00:00Z", VIEWER));
		assertThat(report.get("since").asText()).isEqualTo("2025-01-01T06:30:00Z");
		assertThat(report.get("until").asText()).isEqualTo("2025-01-15T12:00:00Z");
		report = json(get("/api/report?since=2025-01-01&until=2025-02-01", VIEWER));
		assertThat(report.get("since").asText()).as("a date is its midnight, UTC").isEqualTo("2025-01-01T00:00:00Z");
		assertThat(report.get("until").asText()).isEqualTo("2025-02-01T00:00:00Z");
	}

	@Test
	void aSinceThatIsNoTimeIsABadRequestSayingWhatToGive() {
		for (String bad : List.of("3x", "thirty days", "2025-13-01", "-5d", "1w")) {
			for (String format : List.of("json", "csv", "text")) {
				HttpResponse<String> answer = get("/api/report?format=" + format + "&since=" + encode(bad), VIEWER);
				assertThat(answer.statusCode()).as(bad + " " + format).isEqualTo(400);
				assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(json(answer).get("detail").asText())
					.isEqualTo("since '" + bad + "' is not a time: give days, hours or minutes back "
							+ "(30d, 12h, 90m), a date (2027-03-01, UTC) or an instant (2027-03-01T00:00:00Z)");
			}
		}
		assertThat(json(get("/api/report?until=yesterday", VIEWER)).get("detail").asText())
			.startsWith("until 'yesterday' is not a time: ");
	}

	@Test
	void aSinceBeforeTheYearOneIsABadRequestNotAnAnswerNoClientCanRead() {
		// found by ApiFuzzTest: 99999999 days back was answered with the year -271764
		HttpResponse<String> answer = get("/api/report?since=99999999d", VIEWER);
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(json(answer).get("detail").asText())
			.isEqualTo("since '99999999d' is out of range: it must fall in the years 0001 to 9999");
		assertThat(get("/api/report?since=700000d", VIEWER).statusCode()).as("the year 0110").isEqualTo(200);
	}

	@Test
	void untilMustComeAfterSince() {
		HttpResponse<String> answer = get("/api/report?since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z", VIEWER);
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(json(answer).get("detail").asText())
			.isEqualTo("since (2025-02-01T00:00:00Z) must be before until (2025-01-01T00:00:00Z)");
	}

	@Test
	void anUnknownFormatIsABadRequest() {
		HttpResponse<String> answer = get("/api/report?format=xml", VIEWER);
		assertThat(answer.statusCode()).isEqualTo(400);
		assertThat(json(answer).get("detail").asText()).isEqualTo("format 'xml' is not one of json, csv, text");
	}

	@Test
	void anEmptyWindowGivesZerosNotErrors() {
		// inside the 90 days delivered messages are kept (now is 2025-03-01 here)
		ReportViews report = report(
				window(Instant.parse("2024-12-10T00:00:00Z"), Instant.parse("2024-12-11T00:00:00Z")));
		assertThat(report.rowKeys()).isEmpty();
		// no messages: counts are zero, the rate and the times have no value
		report.assertTotal(Expected.messages(0, 0, 0, 0));
		assertThat(report.json.get("edges")).isEmpty();
		assertThat(report.json.get("topErrors")).isEmpty();
		assertThat(report.json.get("headline").asText()).isEqualTo("No messages in this window.");
		assertThat(report.text).contains("\n\nNo messages in this window.\n\n").contains("\nTop errors\nnone\n");
		assertThat(get("/api/report?format=csv&"
				+ window(Instant.parse("2024-12-10T00:00:00Z"), Instant.parse("2024-12-11T00:00:00Z")), VIEWER)
			.body()).isEqualTo(String.join(",", ReportCsv.COLUMNS) + "\r\n");
	}

	HttpResponse<String> withAccept(String accept) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/report?since=1d"))
			.header("Authorization", "Bearer " + VIEWER)
			.header("Accept", accept)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aViewerMayReadItAndACallWithoutATokenIsRefused() {
		assertThat(get("/api/report", VIEWER).statusCode()).isEqualTo(200);
		assertThat(get("/api/report", OPERATOR).statusCode()).isEqualTo(200);
		HttpResponse<String> none = get("/api/report", null);
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"handoff\"");
		assertThat(get("/api/report?format=csv", "not-a-token").statusCode()).isEqualTo(401);
	}

	@Test
	void withoutAFormatTheAcceptHeaderChooses() throws Exception {
		assertThat(withAccept("text/csv").headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
		assertThat(withAccept("text/csv").headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"handoff-report-20250228T0000-20250301T0000.csv\"");
		assertThat(withAccept("text/plain").headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
		assertThat(withAccept("text/csv;q=0.5, text/plain").headers().firstValue("Content-Type"))
			.hasValue("text/plain;charset=UTF-8");
		assertThat(withAccept("application/json").headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(withAccept("*/*").headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@Test
	void viewersSeeExampleMessagesWithPersonalDataMasked() {
		jdbc.update(
				"INSERT INTO reject (id, edge, contract, contract_sha256, campaign, payload, payload_size, violations, status, received_at) "
						+ "VALUES ('M1', 'tracking-event', 'tracking-event', ?, 'C-1001', ?, 2, ?, 'open', ?)",
				"0".repeat(64), bytes("{}"),
				"[{\"pointer\":\"/context/traits/email\",\"rule\":\"must-match\",\"message\":\"ann@example.com is not the brief's address\","
						+ "\"expected\":\"bob@example.com\",\"actual\":\"ann@example.com\"}]",
				Timestamp.from(Instant.parse("2024-12-03T00:00:00Z")));
		jdbc.update(
				"INSERT INTO reject_violation (reject_seq, position, rule, pointer, edge, status, received_at) SELECT seq, 0, "
						+ "'must-match', '/context/traits/email', edge, status, received_at FROM reject WHERE id = 'M1'");
		String early = "/api/report?since=2024-12-02&until=2024-12-04";
		assertThat(json(get(early, VIEWER)).at("/topErrors/0/message").asText())
			.isEqualTo("••• is not the brief's address");
		assertThat(get(early + "&format=text", VIEWER).body()).contains("e.g. M1: ••• is not the brief's address")
			.doesNotContain("ann@");
		assertThat(json(get(early, OPERATOR)).at("/topErrors/0/message").asText())
			.isEqualTo("ann@example.com is not the brief's address");
	}

}
