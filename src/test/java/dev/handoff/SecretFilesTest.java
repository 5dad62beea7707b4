package dev.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import dev.handoff.delivery.DeliveryProperties;
import dev.handoff.edge.EdgeProperties;
import dev.handoff.inbound.InboundAuth;
import dev.handoff.inbound.InboundKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * NAME_FILE=/run/secrets/x sets NAME to the file's content, for the variables Handoff
 * uses; a clash or an unreadable file stops the start.
 */
class SecretFilesTest {

	@TempDir
	Path dir;

	@Test
	void setsTheVariableToTheFilesContentLessOneTrailingLineBreak() throws IOException {
		Path key = Files.writeString(dir.resolve("mailchimp_api_key"), "0123456789abcdef-us21\n");
		Path password = Files.writeString(dir.resolve("wp"), "abcd efgh ijkl mnop\r\n\n");
		Map<String, Object> secrets = SecretFiles.read(
				Map.of("MAILCHIMP_API_KEY_FILE", key.toString(),
						"HANDOFF_DELIVERY_EDGES_CMSLANDINGPAGE_AUTH_PASSWORD_FILE", password.toString()),
				Set.of("MAILCHIMP_API_KEY"));
		assertThat(secrets).containsExactly(
				Map.entry("HANDOFF_DELIVERY_EDGES_CMSLANDINGPAGE_AUTH_PASSWORD", "abcd efgh ijkl mnop\r\n"),
				Map.entry("MAILCHIMP_API_KEY", "0123456789abcdef-us21"));
	}

	@Test
	void refusesAVariableSetBothWays() throws IOException {
		Path key = Files.writeString(dir.resolve("key"), "from-the-file");
		assertThatThrownBy(() -> SecretFiles.read(
				Map.of("MAILCHIMP_API_KEY", "from-the-environment", "MAILCHIMP_API_KEY_FILE", key.toString()),
				Set.of("MAILCHIMP_API_KEY")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Both MAILCHIMP_API_KEY and MAILCHIMP_API_KEY_FILE are set")
			.hasMessageNotContaining("from-the-");
	}

	@Test
	void refusesAFileThatCannotBeReadNamingTheVariableAndThePath() {
		Path missing = dir.resolve("not-mounted");
		assertThatThrownBy(() -> SecretFiles.read(Map.of("HANDOFF_DB_PASSWORD_FILE", missing.toString()), Set.of()))
			.hasMessageContaining("HANDOFF_DB_PASSWORD_FILE names " + missing + ", which cannot be read");
		assertThatThrownBy(() -> SecretFiles.read(Map.of("HANDOFF_DB_PASSWORD_FILE", dir.toString()), Set.of()))
			.as("a folder is no secret")
			.hasMessageContaining("HANDOFF_DB_PASSWORD_FILE names " + dir);
	}

	@Test
	void refusesAFileTooLargeForASecretWithoutShowingIt() throws IOException {
		Path log = Files.writeString(dir.resolve("big"), "s3cret-line\n".repeat(10_000));
		assertThatThrownBy(() -> SecretFiles.read(Map.of("HANDOFF_DB_PASSWORD_FILE", log.toString()), Set.of()))
			.hasMessageContaining("larger than a secret can be")
			.hasMessageNotContaining("s3cret");
	}

	@Test
	void leavesAloneTheFileVariablesOfOtherSoftwareAndItsOwnPathSettings() {
		Map<String, Object> secrets = SecretFiles.read(Map.of("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt",
				"TF_CLI_CONFIG_FILE", "/nonexistent/.terraformrc", "HANDOFF_ACCESS_TOKENS_FILE", "/run/secrets/tokens",
				"_FILE", "/x", "HANDOFF_X_FILE", ""), Set.of());
		assertThat(secrets).isEmpty();
	}

	@Test
	void feedsPlaceholdersAndRelaxedBindingLikeAnyVariable() throws IOException {
		Path key = Files.writeString(dir.resolve("key"), "0123456789abcdef-us21\n");
		Path token = Files.writeString(dir.resolve("token"), "bearer-from-file\n");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yaml",
					Map.of("handoff.delivery.edges.email-campaign.auth.kind", "basic",
							"handoff.delivery.edges.email-campaign.auth.username", "anystring",
							"handoff.delivery.edges.email-campaign.auth.password", "${MAILCHIMP_API_KEY}",
							"handoff.delivery.edges.tracking-batch.auth.kind", "bearer")));
		new SecretFiles(new DeferredLogs()).add(environment, Map.of("MAILCHIMP_API_KEY_FILE", key.toString(),
				"HANDOFF_DELIVERY_EDGES_TRACKINGBATCH_AUTH_TOKEN_FILE", token.toString()));

		assertThat(environment.getProperty("handoff.delivery.edges.email-campaign.auth.password"))
			.isEqualTo("0123456789abcdef-us21");
		DeliveryProperties delivery = Binder.get(environment)
			.bindOrCreate("handoff.delivery", DeliveryProperties.class);
		assertThat(delivery.edges().get("tracking-batch").auth().token()).isEqualTo("bearer-from-file");
		assertThat(
				environment.getPropertySources().precedenceOf(environment.getPropertySources().get(SecretFiles.SOURCE)))
			.as("just before the environment, so that a command-line argument still wins")
			.isEqualTo(environment.getPropertySources()
				.precedenceOf(environment.getPropertySources().get("systemEnvironment")) - 1);
	}

	@Test
	void givesAnEdgeTheTokenItsSenderPresentsFromAFile() throws IOException {
		Path token = Files.writeString(dir.resolve("brief-tool-token"), "token-from-file\n");
		StandardEnvironment environment = new StandardEnvironment();
		new SecretFiles(new DeferredLogs()).add(environment,
				Map.of("HANDOFF_EDGES_INBOUND_BRIEFAPPROVED_TOKENS_FILE", token.toString()));
		EdgeProperties edges = Binder.get(environment).bindOrCreate("handoff.edges", EdgeProperties.class);
		InboundAuth auth = new InboundAuth(edges.inbound(), Map.of(), Clock.systemUTC());
		assertThat(auth.problems("brief-approved", InboundKind.bearer)).isEmpty();
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/edges/brief-approved");
		request.addHeader("Authorization", "Bearer token-from-file");
		assertThat(auth.verifier("brief-approved", InboundKind.bearer).headers(request)).isEmpty();
	}

	@Test
	void isRegisteredToRunAtEveryStart() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(EnvironmentPostProcessor.class, ArgumentResolver.of(DeferredLogFactory.class, new DeferredLogs())))
			.hasAtLeastOneElementOfType(SecretFiles.class);
	}

	@Test
	void findsTheVariablesTheConfigurationNamesInPlaceholders() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yaml",
					Map.of("handoff.delivery.edges.email-campaign.auth.password", "${MAILCHIMP_API_KEY}",
							"spring.datasource.password", "${HANDOFF_DB_PASSWORD:${DB_PASSWORD:}}",
							"handoff.review.personal-fields", "email")));
		assertThat(SecretFiles.placeholders(environment)).contains("MAILCHIMP_API_KEY", "HANDOFF_DB_PASSWORD",
				"DB_PASSWORD");
	}

}
