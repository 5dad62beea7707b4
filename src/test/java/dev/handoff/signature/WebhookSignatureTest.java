package dev.handoff.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Signatures as Standard Webhooks defines them, checked against its published test
 * vector.
 */
class WebhookSignatureTest {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

	private static final Instant SENT = Instant.ofEpochSecond(1614265330);

	@Test
	void reproducesThePublishedTestVector() {
		assertThat(WebhookSignature.sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void acceptsAnyMatchingSignatureOfSeveral() {
		assertThat(WebhookSignature.refusal("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
				"v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY, List.of(SECRET),
				Duration.ofMinutes(5), SENT))
			.isEmpty();
	}

	@Test
	void refusesATimestampOutsideTheTolerance() {
		assertThat(WebhookSignature.refusal("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
				"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY, List.of(SECRET), Duration.ofMinutes(5),
				SENT.plusSeconds(301)))
			.hasValueSatisfying(r -> assertThat(r).contains("301 s"));
	}

	@Test
	void refusesATamperedBody() {
		assertThat(WebhookSignature.refusal("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
				"v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
				"{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), List.of(SECRET), Duration.ofMinutes(5),
				SENT))
			.hasValue("no webhook-signature matches a secret of this edge");
	}

}
