package dev.handoff.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code handoff.metrics.campaign-tags=true}, and only then, each campaign's current
 * truth version is a series of its own.
 */
@AutoConfigureObservability
class CampaignTagsTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void campaignTagsOn(DynamicPropertyRegistry registry) {
		registry.add("handoff.metrics.refresh", () -> "200ms");
		registry.add("handoff.metrics.campaign-tags", () -> "true");
	}

	@Test
	void showsTheCurrentTruthVersionOfEachCampaign() {
		briefsApproved();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Scrape scrape = Scrape.parse(get("/actuator/prometheus", null).body());
			assertThat(scrape.value("handoff_truth_version", "campaign", "C-1001")).isEqualTo(2.0);
			assertThat(scrape.value("handoff_truth_campaigns")).isEqualTo(1.0);
		});
	}

}
