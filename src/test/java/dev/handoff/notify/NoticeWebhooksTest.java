package dev.handoff.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A notice's webhook is kept in the outbox as a reference holding nothing of its key, and
 * resolved only to send.
 */
class NoticeWebhooksTest {

	static final String SLACK = "https://hooks.slack.com/services/T0000/B0000/XXXXsecretXXXX";

	static final String EMAIL_TEAM = "https://tasks.example.com/hooks/inbound?token=t0k3n";

	private static NoticeWebhooks webhooks(String fallback, String emailTeam) {
		Map<String, NotifyProperties.Owner> owners = emailTeam == null ? Map.of() : Map.of("email-campaign",
				new NotifyProperties.Owner("Email team", "#email-ops", URI.create(emailTeam)));
		return new NoticeWebhooks(
				new NotifyProperties(fallback == null ? null : URI.create(fallback), "http://localhost:8080", owners));
	}

	@Test
	void keepsOnlyTheHostOfTheEdgesWebhookInTheReference() {
		NoticeWebhooks webhooks = webhooks(SLACK, EMAIL_TEAM);
		assertThat(webhooks.reference("tracking-event"))
			.isEqualTo("https://hooks.slack.com/(notices about tracking-event)");
		assertThat(webhooks.reference("email-campaign"))
			.isEqualTo("https://tasks.example.com/(notices about email-campaign)");
		assertThat(webhooks(null, null).reference("tracking-event")).isNull();
	}

	@Test
	void resolvesAReferenceToTheWebhookConfiguredWhenItIsSent() {
		String queued = webhooks(SLACK, null).reference("email-campaign");
		assertThat(webhooks(SLACK, null).resolve(queued)).isEqualTo(SLACK);
		assertThat(webhooks(SLACK, EMAIL_TEAM).resolve(queued)).as("the edge got its own webhook meanwhile")
			.isEqualTo(EMAIL_TEAM);
		assertThat(webhooks(null, null).resolve(queued)).as("no webhook any more: not sent").isNull();
	}

	@Test
	void leavesEveryOtherTargetAsItIs() {
		NoticeWebhooks webhooks = webhooks(SLACK, null);
		assertThat(webhooks.resolve("https://mailchimp.example/3.0/campaigns"))
			.isEqualTo("https://mailchimp.example/3.0/campaigns");
		assertThat(webhooks.resolve("direct:mailchimp-campaign")).isEqualTo("direct:mailchimp-campaign");
		assertThat(webhooks.resolve(SLACK)).as("queued before references were kept").isEqualTo(SLACK);
	}

	@Test
	void countsEachWebhookItsPathAndItsQueryAsSecrets() {
		assertThat(webhooks(SLACK, EMAIL_TEAM).secrets()).containsExactlyInAnyOrder(SLACK,
				"/services/T0000/B0000/XXXXsecretXXXX", EMAIL_TEAM, "/hooks/inbound", "token=t0k3n");
		assertThat(webhooks("https://hooks.example.com/", null).secrets())
			.as("a bare root is no secret to hide everywhere")
			.containsExactly("https://hooks.example.com/");
	}

}
