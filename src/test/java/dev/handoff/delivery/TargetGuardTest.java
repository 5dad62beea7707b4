package dev.handoff.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Deliveries do not go to loopback, private or link-local addresses unless allowed. */
class TargetGuardTest {

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/x", "http://localhost:8089/x", "http://10.1.2.3/x",
			"http://172.16.0.1/x", "http://192.168.1.10/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x",
			"http://[fd00::1]/x", "http://0.0.0.0/x" })
	void refusesPrivateAndLinkLocalTargets(String target) {
		assertThat(TargetGuard.refusal(target, false))
			.hasValueSatisfying(why -> assertThat(why).contains("private-targets=allow"));
		assertThat(TargetGuard.refusal(target, true)).isEmpty();
	}

	@Test
	void letsPublicAddressesThrough() {
		assertThat(TargetGuard.refusal("https://93.184.215.14/3.0/campaigns", false)).isEmpty();
	}

	@Test
	void neverSendsToARefusedTargetAndDoesNotRetryIt() {
		DeliveryProperties refuse = new DeliveryProperties(true, Duration.ofMillis(100), 10, 1,
				List.of(Duration.ofSeconds(1)), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1),
				DeliveryProperties.PrivateTargets.refuse, Duration.ofSeconds(10), Duration.ofDays(90));
		HttpSender.Attempt attempt = new HttpSender(refuse, new TargetCredentials(refuse), new ToolClient(refuse))
			.send(OutboxEntry.pending("id-1", "email-campaign", "email-campaign", "0".repeat(64), "C-1001", 2L,
					"http://169.254.169.254/latest/meta-data", new byte[0]));
		assertThat(attempt.delivered()).isFalse();
		assertThat(attempt.retryable()).isFalse();
		assertThat(attempt.outcome()).startsWith("not sent: 169.254.169.254 resolves to 169.254.169.254");
	}

}
