package dev.handoff.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which answers of a tool are tried again, and when its Retry-After says to. */
class RetryAnswersTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 0, 408, 429, 500, 502, 503, 504 })
	void triesAgainAfterNoAnswerATimeoutARateLimitOrAServerError(int status) {
		assertThat(new HttpSender.Attempt(status, "", null).retryable()).isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { -1, 400, 401, 403, 404, 409, 410, 422 })
	void givesUpOnAnAnswerThatTryingAgainCannotChange(int status) {
		assertThat(new HttpSender.Attempt(status, "", null).retryable()).isFalse();
	}

	@Test
	void readsRetryAfterInSeconds() {
		assertThat(HttpSender.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void readsRetryAfterAsAFutureHttpDate() {
		ZonedDateTime in90 = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(90);

		Duration wait = HttpSender.retryAfter(DateTimeFormatter.RFC_1123_DATE_TIME.format(in90));

		// the date has whole seconds, and a moment passes between writing and reading it
		assertThat(wait).isBetween(Duration.ofSeconds(80), Duration.ofSeconds(90));
	}

	@Test
	void aDateInThePastMeansNow() {
		assertThat(HttpSender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresWhatIsNeither() {
		assertThat(HttpSender.retryAfter("soon")).isNull();
		assertThat(HttpSender.retryAfter(" ")).isNull();
	}

}
