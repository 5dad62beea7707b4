package dev.handoff.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A target is shown without what may hold a credential: user info, query, fragment, and
 * (outside a list of edges) the path.
 */
class TargetsTest {

	@Test
	void showsAToolUrlWithItsPathButWithoutUserInfoOrQuery() {
		assertThat(Targets
			.display("https://anystring:abc123-us21@us21.api.mailchimp.com:8443/3.0/campaigns?apikey=abc123#x"))
			.isEqualTo("https://us21.api.mailchimp.com:8443/3.0/campaigns");
		assertThat(Targets.display("http://localhost:8089/cms/wp-json/wp/v2/pages"))
			.isEqualTo("http://localhost:8089/cms/wp-json/wp/v2/pages");
		assertThat(Targets.display("https://api.segment.io")).isEqualTo("https://api.segment.io");
		assertThat(Targets.display("http://[::1]:9000/hook?token=t")).isEqualTo("http://[::1]:9000/hook");
	}

	@Test
	void showsACamelEndpointAsSchemeAndPathOnly() {
		assertThat(Targets.display(
				"kafka:tracking-events-accepted?brokers=kafka:9092&saslJaasConfig=org.apache.kafka.common.security.plain"
						+ ".PlainLoginModule required username=\"u\" password=\"p\";"))
			.isEqualTo("kafka:tracking-events-accepted");
		assertThat(Targets.display("direct:mailchimp")).isEqualTo("direct:mailchimp");
		assertThat(Targets.display("smtp://mailer@smtp.example.com?password=secret"))
			.isEqualTo("smtp://smtp.example.com");
		assertThat(Targets.display("RAW(https://u:p@hooks.example/relay?token=t)"))
			.as("Camel's RAW() as a route file has it")
			.isEqualTo("https://hooks.example/relay");
	}

	@Test
	void namesAFailingToolByOriginOrHostOnlySinceAWebhooksPathIsItsSecret() {
		String slack = "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX";
		assertThat(Targets.origin(slack)).isEqualTo("https://hooks.slack.com");
		assertThat(Targets.host(slack)).isEqualTo("hooks.slack.com");
		assertThat(Targets.host("http://user:pass@127.0.0.1:8089/email/3.0/campaigns")).isEqualTo("127.0.0.1");
		assertThat(Targets.host("http://[::1]:8089/x")).isEqualTo("[::1]");
		assertThat(Targets.host("kafka:topic?brokers=b:9092")).isEqualTo("kafka:topic");
	}

	@Test
	void hidesWhatFollowsAPasswordWrittenWithoutEscapingItsSlashOrQuestionMark() {
		assertThat(Targets.display("https://user:pa/ss@tool.example/x")).isEqualTo("https://…/…");
		assertThat(Targets.display("https://us/er:pass@tool.example/x")).isEqualTo("https://us/…");
		assertThat(Targets.display("https://user:pa?ss@tool.example/x")).doesNotContain("pa").isEqualTo("https://…");
		assertThat(Targets.origin("https://user:pa?ss@tool.example/x")).isEqualTo("https://…");
	}

	@Test
	void leavesNoTargetAsNone() {
		assertThat(Targets.display(null)).isNull();
		assertThat(Targets.host(null)).isNull();
		assertThat(Targets.origin(null)).isNull();
	}

}
