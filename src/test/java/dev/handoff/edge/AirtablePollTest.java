package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What the poll asks Airtable for, how long it waits after a 429, how it knows a record
 * again, and which pings it takes.
 */
class AirtablePollTest {

	private final AirtablePoll poll = new AirtablePoll(settings(true), null, null, new ObjectMapper());

	@Test
	void theFirstPollAsksForTheFilterAloneAndLaterOnesForWhatChangedSinceToo() {
		assertThat(AirtablePoll.formula("{status}='Approved'", null)).isEqualTo("{status}='Approved'");
		assertThat(AirtablePoll.formula("{status}='Approved'", Instant.parse("2026-11-20T09:30:15.750Z"))).isEqualTo(
				"AND({status}='Approved', IS_AFTER(LAST_MODIFIED_TIME(), DATETIME_PARSE('2026-11-20T09:30:15Z')))");
		assertThat(AirtablePoll.formula("", Instant.parse("2026-11-20T09:30:15Z")))
			.isEqualTo("IS_AFTER(LAST_MODIFIED_TIME(), DATETIME_PARSE('2026-11-20T09:30:15Z'))");
		assertThat(AirtablePoll.formula("", null)).isEmpty();
	}

	@Test
	void aRateLimitWaitsWhatRetryAfterSaysWithinBoundsElseThirtySeconds() {
		assertThat(poll.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(poll.retryAfter(null)).isEqualTo(Duration.ofSeconds(30));
		assertThat(poll.retryAfter("soon")).isEqualTo(Duration.ofSeconds(30));
		assertThat(poll.retryAfter("0")).isEqualTo(Duration.ofSeconds(1));
		assertThat(poll.retryAfter("86400")).isEqualTo(Duration.ofMinutes(15));
		String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Instant.now().plusSeconds(60).atZone(ZoneOffset.UTC));
		assertThat(poll.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
	}

	@Test
	void aRecordIsKnownByItsIdAndContentInAnyKeyOrderAndAnEditMakesItNew() {
		String key = poll.key(bytes("{\"id\":\"recSpr1ngSa1e2027\",\"fields\":{\"version\":1,\"name\":\"Spring\"}}"));
		assertThat(key).matches("recSpr1ngSa1e2027:[0-9a-f]{64}");
		assertThat(poll.key(bytes("{\"fields\":{\"name\":\"Spring\",\"version\":1},\"id\":\"recSpr1ngSa1e2027\"}")))
			.isEqualTo(key);
		assertThat(poll.key(bytes("{\"id\":\"recSpr1ngSa1e2027\",\"fields\":{\"version\":2,\"name\":\"Spring\"}}")))
			.isNotEqualTo(key);
		assertThat(poll.key(bytes("{\"id\":\"" + "x".repeat(300) + "\",\"fields\":{}}")))
			.as("an id that is no record id stays out of the key")
			.startsWith("-:")
			.hasSize(66);
	}

	@Test
	void aPingIsTakenOnlyWithTheMacOfItsBodyUnderTheWebhooksSecret() throws Exception {
		byte[] key = settings(true).macKey();
		String body = "{\"base\":{\"id\":\"appHandoffTest01\"},\"webhook\":{\"id\":\"ach1\"},\"timestamp\":\"2026-11-20T09:31:00.000Z\"}";
		String mac = AirtableStandIn.mac(body);
		assertThat(AirtablePing.signed(key, bytes(body), mac)).isTrue();
		assertThat(AirtablePing.signed(key, bytes(body), mac.toUpperCase().replace("HMAC-SHA256=", "hmac-sha256=")))
			.isTrue();
		assertThat(AirtablePing.signed(key, bytes(body + " "), mac)).isFalse();
		assertThat(AirtablePing.signed(key, bytes(body), null)).isFalse();
		assertThat(AirtablePing.signed(null, bytes(body), mac)).as("no secret set: every ping is refused").isFalse();
	}

	@Test
	void anEnabledPollNeedsItsBaseAndTableAndAMacSecretMustBeBase64() {
		assertThatThrownBy(() -> new AirtableProperties(true, URI.create("https://api.airtable.com"), null, "Briefs",
				"", Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(30), null))
			.hasMessageContaining("handoff.airtable.base");
		assertThatThrownBy(() -> new AirtableProperties(true, URI.create("https://api.airtable.com"), "appX",
				"My Briefs", "", Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(30), null))
			.hasMessageContaining("without spaces");
		assertThatThrownBy(() -> new AirtableProperties(false, URI.create("https://api.airtable.com"), null, null, "",
				Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(30), "not base64!"))
			.hasMessageContaining("mac-secret");
		assertThat(new AirtableProperties(false, URI.create("https://api.airtable.com"), null, null, null,
				Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(30), " ")
			.macKey()).as("off, nothing else is needed").isNull();
	}

	private static AirtableProperties settings(boolean enabled) {
		return new AirtableProperties(enabled, URI.create("https://api.airtable.com"), AirtableStandIn.BASE,
				AirtableStandIn.TABLE, "{status}='Approved'", Duration.ofMinutes(5), Duration.ofMinutes(5),
				Duration.ofSeconds(30), AirtableStandIn.MAC_SECRET);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
