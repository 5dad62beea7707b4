package dev.handoff.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import dev.handoff.HandoffApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * handoff.delivery.edges.&lt;edge&gt;.auth binds from files and the environment, and an
 * incomplete one stops the start.
 */
class AuthSettingsTest {

	@Nested
	class Binding {

		@Test
		void bindsEachKindWithItsOwnKeys() {
			DeliveryProperties delivery = bind(Map.of(), Map.of("handoff.delivery.edges.email-campaign.auth.kind",
					"basic", "handoff.delivery.edges.email-campaign.auth.username", "anystring",
					"handoff.delivery.edges.email-campaign.auth.password", "0123456789abcdef-us21",
					"handoff.delivery.edges.tracking-event.auth.kind", "api-key",
					"handoff.delivery.edges.tracking-event.auth.query-parameter", "api_key",
					"handoff.delivery.edges.tracking-event.auth.token", "k",
					"handoff.delivery.edges.cms-landing-page.auth.kind", "oauth2",
					"handoff.delivery.edges.cms-landing-page.auth.token-url", "https://auth.example/oauth/token",
					"handoff.delivery.edges.cms-landing-page.auth.client-id", "handoff",
					"handoff.delivery.edges.cms-landing-page.auth.client-secret", "s3cret"));
			assertThat(delivery.auth("email-campaign")).isEqualTo(new Auth(Auth.Kind.basic, "anystring",
					"0123456789abcdef-us21", null, null, null, null, null, null, null));
			assertThat(delivery.auth("tracking-event").kind()).isEqualTo(Auth.Kind.api_key);
			assertThat(delivery.auth("cms-landing-page").tokenUrl())
				.isEqualTo(URI.create("https://auth.example/oauth/token"));
			assertThat(delivery.auth("brief-approved")).isNull();
		}

		@Test
		void takesAPasswordFromAnEnvironmentVariableNamedWithoutTheEdgesDashes() {
			DeliveryProperties delivery = bind(Map.of("HANDOFF_DELIVERY_EDGES_EMAILCAMPAIGN_AUTH_PASSWORD", "from-env"),
					Map.of("handoff.delivery.edges.email-campaign.auth.kind", "basic",
							"handoff.delivery.edges.email-campaign.auth.username", "anystring"));
			assertThat(delivery.auth("email-campaign").password()).isEqualTo("from-env");
			assertThat(delivery.edges()).as("the environment's own listing of the edge is not a second edge")
				.containsOnlyKeys("email-campaign");
		}

		@Test
		void takesTheEdgesDashAsAnUnderscoreOnlyWhenAFileNamesTheEdge() {
			DeliveryProperties named = bind(Map.of("HANDOFF_DELIVERY_EDGES_EMAIL_CAMPAIGN_AUTH_PASSWORD", "from-env"),
					Map.of("handoff.delivery.edges.email-campaign.auth.kind", "basic",
							"handoff.delivery.edges.email-campaign.auth.username", "anystring"));
			assertThat(named.auth("email-campaign").password()).isEqualTo("from-env");
			DeliveryProperties alone = bind(Map.of("HANDOFF_DELIVERY_EDGES_EMAIL_CAMPAIGN_AUTH_KIND", "bearer",
					"HANDOFF_DELIVERY_EDGES_EMAIL_CAMPAIGN_AUTH_TOKEN", "from-env"), Map.of());
			assertThat(alone.auth("email-campaign")).as("docs/delivery.md says to drop the dashes instead").isNull();
		}

		@Test
		void takesAnEdgeConfiguredOnlyInTheEnvironment() {
			DeliveryProperties delivery = bind(Map.of("HANDOFF_DELIVERY_EDGES_EMAILCAMPAIGN_AUTH_KIND", "bearer",
					"HANDOFF_DELIVERY_EDGES_EMAILCAMPAIGN_AUTH_TOKEN", "from-env"), Map.of());
			assertThat(delivery.auth("email-campaign"))
				.isEqualTo(new Auth(Auth.Kind.bearer, null, null, "from-env", null, null, null, null, null, null));
		}

		@Test
		void takesAnEmptyVariableAsNoValue() {
			refusal(Map.of("HANDOFF_DELIVERY_EDGES_EMAILCAMPAIGN_AUTH_TOKEN", ""),
					Map.of("handoff.delivery.edges.email-campaign.auth.kind", "bearer"))
				.hasMessageContaining("handoff.delivery.edges.email-campaign.auth: kind bearer needs a token");
		}

	}

	@Nested
	class Refusal {

		@Test
		void namesTheEdgeAndTheMissingKey() {
			refusal(Map.of(), Map.of("handoff.delivery.edges.email-campaign.auth.kind", "basic")).hasMessageContaining(
					"handoff.delivery.edges.email-campaign.auth: kind basic needs a username or a password");
			refusal(Map.of(),
					Map.of("handoff.delivery.edges.cms-landing-page.auth.kind", "oauth2",
							"handoff.delivery.edges.cms-landing-page.auth.token-url", "https://auth.example/token",
							"handoff.delivery.edges.cms-landing-page.auth.client-id", "handoff"))
				.hasMessageContaining(
						"handoff.delivery.edges.cms-landing-page.auth: kind oauth2 needs a client-secret");
			refusal(Map.of(), Map.of("handoff.delivery.edges.tracking-event.auth.token", "k")).hasMessageContaining(
					"handoff.delivery.edges.tracking-event.auth: needs a kind: basic, bearer, api-key or oauth2");
		}

		@Test
		void saysWhereAnApiKeyGoesExactlyOnce() {
			refusal(Map.of(),
					Map.of("handoff.delivery.edges.tracking-event.auth.kind", "api-key",
							"handoff.delivery.edges.tracking-event.auth.token", "k"))
				.hasMessageContaining("kind api-key needs a header or a query-parameter");
			refusal(Map.of(),
					Map.of("handoff.delivery.edges.tracking-event.auth.kind", "api-key",
							"handoff.delivery.edges.tracking-event.auth.token", "k",
							"handoff.delivery.edges.tracking-event.auth.header", "X-API-Key",
							"handoff.delivery.edges.tracking-event.auth.query-parameter", "api_key"))
				.hasMessageContaining("kind api-key takes a header or a query-parameter, not both");
			refusal(Map.of(),
					Map.of("handoff.delivery.edges.tracking-event.auth.kind", "api-key",
							"handoff.delivery.edges.tracking-event.auth.token", "k",
							"handoff.delivery.edges.tracking-event.auth.header", "Host"))
				.hasMessageContaining("kind api-key cannot carry the key in a header named 'Host'");
		}

		@Test
		void refusesAKeyOfAnotherKindRatherThanIgnoreACredential() {
			refusal(Map.of(),
					Map.of("handoff.delivery.edges.email-campaign.auth.kind", "bearer",
							"handoff.delivery.edges.email-campaign.auth.token", "t",
							"handoff.delivery.edges.email-campaign.auth.password", "p"))
				.hasMessageContaining("kind bearer does not use password");
		}

		@Test
		void refusesATokenUrlThatIsNotAnAbsoluteHttpUrl() {
			refusal(Map.of(),
					Map.of("handoff.delivery.edges.email-campaign.auth.kind", "oauth2",
							"handoff.delivery.edges.email-campaign.auth.token-url", "/oauth/token",
							"handoff.delivery.edges.email-campaign.auth.client-id", "i",
							"handoff.delivery.edges.email-campaign.auth.client-secret", "s"))
				.hasMessageContaining("kind oauth2 needs an absolute http(s) token-url");
		}

	}

	@Nested
	class Secrets {

		private final TargetCredentials credentials = new TargetCredentials(bind(Map.of(),
				Map.of("handoff.delivery.edges.email-campaign.auth.kind", "basic",
						"handoff.delivery.edges.email-campaign.auth.username", "anystring",
						"handoff.delivery.edges.email-campaign.auth.password", "0123456789abcdef-us21",
						"handoff.delivery.edges.tracking-event.auth.kind", "basic",
						"handoff.delivery.edges.tracking-event.auth.username", "segment-write-key",
						"handoff.delivery.edges.tracking-batch.auth.kind", "api-key",
						"handoff.delivery.edges.tracking-batch.auth.query-parameter", "key",
						"handoff.delivery.edges.tracking-batch.auth.token", "a+b/c=",
						"handoff.delivery.edges.cms-landing-page.signing-secret",
						"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));

		@Test
		void hidesEveryConfiguredSecretInTheFormsItTravelsIn() {
			String basic = Base64.getEncoder()
				.encodeToString("anystring:0123456789abcdef-us21".getBytes(StandardCharsets.UTF_8));
			String echoed = "{\"detail\": \"Authorization: Basic " + basic
					+ " key 0123456789abcdef-us21 write key segment-write-key"
					+ " url /track?key=a%2Bb%2Fc%3D raw a+b/c= whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}";
			assertThat(credentials.scrub(echoed))
				.isEqualTo("{\"detail\": \"Authorization: Basic [secret] key [secret] write key [secret]"
						+ " url /track?key=[secret] raw [secret] [secret]\"}");
		}

		@Test
		void printsSettingsWithoutTheirSecrets() {
			Auth auth = new Auth(Auth.Kind.oauth2, null, null, null, null, null,
					URI.create("https://auth.example/token"), "handoff", "client-s3cret", null);
			assertThat(new DeliveryProperties.Edge(null, "whsec_abc", auth).toString())
				.doesNotContain("client-s3cret", "whsec_abc")
				.contains("clientId=handoff", "clientSecret=[secret]", "signingSecret=[secret]");
		}

		@Test
		void keepsAnOrdinaryUserNameThatHasAPasswordBesideIt() {
			assertThat(credentials.scrub("user anystring is not allowed")).isEqualTo("user anystring is not allowed");
		}

		@Test
		void putsEachKindOnTheRequest() {
			assertThat(credentials.headers("email-campaign"))
				.containsExactly(Map.entry("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("anystring:0123456789abcdef-us21".getBytes(StandardCharsets.UTF_8))));
			assertThat(credentials.headers("tracking-event")).containsExactly(Map.entry("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString("segment-write-key:".getBytes(StandardCharsets.UTF_8))));
			assertThat(credentials.headers("tracking-batch")).isEmpty();
			assertThat(credentials.headers("brief-approved")).isEmpty();
			assertThat(credentials.withQuery("tracking-batch", URI.create("https://api.example/v1/batch?mode=fast")))
				.isEqualTo(URI.create("https://api.example/v1/batch?mode=fast&key=a%2Bb%2Fc%3D"));
			assertThat(credentials.withQuery("tracking-batch", URI.create("https://api.example/v1/batch")))
				.isEqualTo(URI.create("https://api.example/v1/batch?key=a%2Bb%2Fc%3D"));
			assertThat(credentials.withQuery("email-campaign", URI.create("https://api.example/x")))
				.isEqualTo(URI.create("https://api.example/x"));
		}

	}

	@Test
	void stopsTheStartNamingTheEdgeAndTheMissingKey(@TempDir Path dir) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(HandoffApplication.class)
			.run("--server.port=0", "--HANDOFF_DATA_DIR=" + dir, "--handoff.delivery.private-targets=allow",
					"--handoff.tools.cms-url=http://localhost:9/cms",
					"--handoff.tools.email-url=http://localhost:9/email",
					"--handoff.tools.tracking-url=http://localhost:9/tracking",
					"--handoff.delivery.edges.email-campaign.auth.kind=basic")
			.close()).rootCause()
			.hasMessage(
					"handoff.delivery.edges.email-campaign.auth: kind basic needs a username or a password (or both)");
	}

	@Test
	void bindsTheExampleOfTheDeliveryPageAsWritten() throws IOException {
		String page = Files.readString(Path.of("docs/delivery.md"));
		Matcher block = Pattern
			.compile(Pattern.quote("## Credentials for the tools\n") + "[^#]*?```yaml\\n(.*?)```", Pattern.DOTALL)
			.matcher(page);
		assertThat(block.find()).as("docs/delivery.md has a yaml example under Credentials for the tools").isTrue();
		Map<String, Object> files = new LinkedHashMap<>();
		flatten("", new Yaml().load(block.group(1)), files);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("docs/delivery.md", files));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("variables",
					Map.of("MAILCHIMP_API_KEY", "0123456789abcdef-us21", "WP_APPLICATION_PASSWORD",
							"abcd efgh ijkl mnop", "SEGMENT_WRITE_KEY", "wk", "TRACKING_CLIENT_SECRET", "cs")));

		DeliveryProperties delivery = Binder.get(environment)
			.bindOrCreate("handoff.delivery", DeliveryProperties.class);
		assertThat(delivery.auth("email-campaign")).isEqualTo(new Auth(Auth.Kind.basic, "anystring",
				"0123456789abcdef-us21", null, null, null, null, null, null, null));
		assertThat(delivery.auth("tracking-event").username()).isEqualTo("wk");
		assertThat(delivery.auth("tracking-batch").scope()).isEqualTo("events:write");
	}

	private static void flatten(String prefix, Object yaml, Map<String, Object> into) {
		if (yaml instanceof Map<?, ?> map) {
			map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, into));
		}
		else {
			into.put(prefix, String.valueOf(yaml));
		}
	}

	@Test
	void renewsATokenATenthOfItsLifeBeforeItEndsButAtMostAMinuteBefore() {
		Instant obtained = Instant.parse("2027-03-01T10:00:00Z");
		assertThat(AccessTokens.renewAt(obtained, Duration.ofHours(1)))
			.isEqualTo(obtained.plus(Duration.ofMinutes(59)));
		assertThat(AccessTokens.renewAt(obtained, Duration.ofMinutes(5)))
			.isEqualTo(obtained.plus(Duration.ofSeconds(270)));
		assertThat(AccessTokens.renewAt(obtained, Duration.ofSeconds(1))).isEqualTo(obtained.plusMillis(900));
		assertThat(AccessTokens.renewAt(obtained, Duration.ZERO)).isEqualTo(obtained);
	}

	/**
	 * Binds handoff.delivery as the service does: the environment (relaxed names) before
	 * the configuration files.
	 */
	static DeliveryProperties bind(Map<String, Object> environment, Map<String, Object> files) {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new LinkedHashMap<>(environment)));
		sources.addLast(new MapPropertySource("application.yaml", new LinkedHashMap<>(files)));
		return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("handoff.delivery",
				DeliveryProperties.class);
	}

	/**
	 * Why binding failed: the root cause, whose message the start's failure report shows.
	 */
	private static AbstractThrowableAssert<?, ?> refusal(Map<String, Object> environment, Map<String, Object> files) {
		return assertThatThrownBy(() -> bind(environment, files)).rootCause();
	}

	@Test
	void keepsTheShapeWithoutAuth() {
		DeliveryProperties delivery = bind(Map.of(),
				Map.of("handoff.delivery.edges.tracking-event.retry-waits", "1s, 2s"));
		assertThat(delivery.retryPolicy("tracking-event").waits())
			.isEqualTo(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)));
		assertThat(delivery.auth("tracking-event")).isNull();
	}

}
