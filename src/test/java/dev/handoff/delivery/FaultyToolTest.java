package dev.handoff.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A tool that breaks the connection in every way WireMock knows, or answers too slowly,
 * gets the message in the end.
 */
class FaultyToolTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void impatient(DynamicPropertyRegistry registry) {
		registry.add("handoff.delivery.request-timeout", () -> "1s");
	}

	private void failsOnceThenWorks(ResponseDefinitionBuilder failure) {
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("fixed"));
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("flaky")
			.whenScenarioStateIs("fixed")
			.willReturn(aResponse().withStatus(200)));
	}

	private void deliveredOnTheSecondAttemptWithOneKey() {
		briefsApproved();
		String id = json(send("tracking-event", bytes(example("tracking-event", "01-good-click.json")))).get("id")
			.asText();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id))
						.isEqualTo("delivered"));
		List<LoggedRequest> attempts = tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")));
		assertThat(attempts).hasSizeGreaterThanOrEqualTo(2)
			.extracting(r -> r.getHeader("Idempotency-Key"))
			.containsOnly(id);
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
			"RANDOM_DATA_THEN_CLOSE" })
	void retriesABrokenConnection(Fault fault) {
		failsOnceThenWorks(aResponse().withFault(fault));
		deliveredOnTheSecondAttemptWithOneKey();
	}

	@Test
	void retriesAnAnswerSlowerThanTheRequestTimeout() {
		failsOnceThenWorks(aResponse().withStatus(200).withFixedDelay(3000));
		deliveredOnTheSecondAttemptWithOneKey();
	}

	@Test
	void retriesThreeOutagesAndDeliversOnce() {
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("down")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("2"));
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("down")
			.whenScenarioStateIs("2")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("3"));
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("down")
			.whenScenarioStateIs("3")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		tools.stubFor(post(urlPathEqualTo("/tracking/v1/track")).inScenario("down")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(200)));
		briefsApproved();
		String id = json(send("tracking-event", bytes(example("tracking-event", "01-good-click.json")))).get("id")
			.asText();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id))
						.isEqualTo("delivered"));
		assertThat(tools.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track")))).hasSize(4)
			.extracting(r -> r.getHeader("Idempotency-Key"))
			.containsOnly(id);
		assertThat(jdbc.queryForObject("SELECT attempts FROM outbox WHERE id = ?", Integer.class, id)).isEqualTo(4);
	}

}
