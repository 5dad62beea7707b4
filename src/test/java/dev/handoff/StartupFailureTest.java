package dev.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A bad contract or route file stops startup with a message naming the file and the
 * problem.
 */
class StartupFailureTest {

	@TempDir
	Path dir;

	@Test
	void refusesToStartWithAContractNamingAnUnknownTruthField() throws IOException {
		Path contracts = TestFiles.copy(Path.of("contracts"), dir.resolve("contracts"));
		TestFiles.replace(contracts.resolve("email-campaign.schema.json"), "\"/handoff/landing_url\": \"landing_url\"",
				"\"/handoff/landing_url\": \"landing_page\"");
		assertThatThrownBy(() -> start("--HANDOFF_CONTRACTS_DIR=" + contracts)).satisfies(e -> assertThat(messages(e))
			.contains("email-campaign.schema.json at /x-handoff/mustMatch/~1handoff~1landing_url")
			.contains("'landing_page' is not a truth field"));
	}

	@Test
	void refusesToStartWithARemoteRef() throws IOException {
		Path contracts = TestFiles.copy(Path.of("contracts"), dir.resolve("contracts"));
		TestFiles.replace(contracts.resolve("cms-landing-page.schema.json"), "\"$ref\": \"#/definitions/campaignId\"",
				"\"$ref\": \"https://schemas.example.org/campaign-id.json\"");
		assertThatThrownBy(() -> start("--HANDOFF_CONTRACTS_DIR=" + contracts)).satisfies(e -> assertThat(messages(e))
			.contains("cms-landing-page.schema.json at /properties/meta/properties/campaign_id/$ref")
			.contains("remote $ref 'https://schemas.example.org/campaign-id.json' is not allowed"));
	}

	@Test
	void refusesToStartWithARouteNamingAnUnknownContract() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		TestFiles.replace(routes.resolve("email-campaign.yaml"), "handoff:guard:email-campaign",
				"handoff:guard:email-campain");
		assertThatThrownBy(() -> start("--HANDOFF_ROUTES_DIR=" + routes))
			.satisfies(e -> assertThat(messages(e)).contains("email-campaign.yaml")
				.contains("names contract 'email-campain'"));
	}

	@Test
	void refusesToStartWithARouteFileThatIsNotYaml() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		Files.writeString(routes.resolve("broken.yaml"), "- route:\n    id: broken\n   from: [unclosed\n");
		assertThatThrownBy(() -> start("--HANDOFF_ROUTES_DIR=" + routes))
			.satisfies(e -> assertThat(messages(e)).contains("broken.yaml"));
	}

	@Test
	void refusesToStartWithAnEdgeThatHasNoGuard() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		TestFiles.replace(routes.resolve("tracking-event.yaml"),
				"        - to: handoff:guard:tracking-event?maxBytes=32768&inbound=basic\n", "");
		assertThatThrownBy(() -> start("--HANDOFF_ROUTES_DIR=" + routes))
			.satisfies(e -> assertThat(messages(e)).contains("tracking-event.yaml")
				.contains("has no 'handoff:guard:<contract>' step"));
	}

	@Test
	void refusesToStartWithAnEdgeThatDoesNotSayWhoMaySend() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		TestFiles.replace(routes.resolve("email-campaign.yaml"), "handoff:guard:email-campaign?inbound=bearer",
				"handoff:guard:email-campaign");
		assertThatThrownBy(() -> start("--HANDOFF_ROUTES_DIR=" + routes))
			.satisfies(e -> assertThat(messages(e)).containsPattern(
					"edge 'email-campaign' \\(\\S*email-campaign.yaml:\\d+\\) takes messages from anyone who can reach it: say "
							+ "inbound=basic\\|bearer\\|api-key\\|standard-webhooks\\|hmac\\|segment on its handoff:guard step, or inbound=open if that is meant"));
	}

	@Test
	void refusesToStartWithAKindThatIsNotOne() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		TestFiles.replace(routes.resolve("email-campaign.yaml"), "inbound=bearer", "inbound=oauth");
		assertThatThrownBy(() -> start("--HANDOFF_ROUTES_DIR=" + routes))
			.satisfies(e -> assertThat(messages(e)).contains("email-campaign.yaml")
				.contains("says inbound=oauth, which is not a kind"));
	}

	@Test
	void refusesToStartWhenAnEdgesSecretsAreNotSetNamingTheSetting() {
		assertThatThrownBy(() -> run(setting -> !setting.contains("tracking-batch")).close())
			.satisfies(e -> assertThat(messages(e)).contains("edge 'tracking-batch'")
				.contains("tracking-batch.yaml")
				.contains("inbound=basic needs handoff.edges.inbound.tracking-batch.username")
				.contains("HANDOFF_EDGES_INBOUND_TRACKINGBATCH_USERNAME"));
	}

	@Test
	void startsWithAnEdgeThatSaysAnyoneMaySend() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		TestFiles.replace(routes.resolve("brief-approved.yaml"), "inbound=bearer", "inbound=open");
		// an open edge takes no credentials, so the brief tool's token is left out
		try (ConfigurableApplicationContext context = run(setting -> !setting.contains("brief-approved"),
				"--HANDOFF_ROUTES_DIR=" + routes)) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void refusesToStartWithAFilterThatCouldDropAMessageWithoutAnAnswer() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		String file = Files.readString(routes.resolve("cms-landing-page.yaml"));
		String accept = file.lines().filter(l -> l.contains("- to: handoff:accept")).findFirst().orElseThrow();
		TestFiles.replace(routes.resolve("cms-landing-page.yaml"), accept, """
				- filter:
				    jq: '.status == "publish"'
				    steps:
				      - to: handoff:accept?deliverTo={{handoff.tools.cms-url}}/wp-json/wp/v2/pages""".indent(8)
			.stripTrailing());
		assertThatThrownBy(() -> start("--HANDOFF_ROUTES_DIR=" + routes)).satisfies(e -> assertThat(messages(e))
			.contains("cms-landing-page.yaml")
			.contains(
					"edge 'cms-landing-page', step 3 'filter' between handoff:guard and handoff:accept is not a step Handoff can honour"));
	}

	@Test
	void refusesToStartWithADeliveryTargetCamelCannotMake() throws IOException {
		Path routes = TestFiles.copy(Path.of("routes"), dir.resolve("routes"));
		TestFiles.replace(routes.resolve("cms-landing-page.yaml"),
				"deliverTo={{handoff.tools.cms-url}}/wp-json/wp/v2/pages", "deliverTo=nosuchcomponent:pages");
		assertThatThrownBy(() -> start("--HANDOFF_ROUTES_DIR=" + routes)).satisfies(e -> assertThat(messages(e))
			.contains("cms-landing-page.yaml")
			.contains("deliverTo 'nosuchcomponent:pages' is neither an http(s) URL nor an endpoint Camel can make"));
	}

	@Test
	void refusesToStartWithAToolOnALoopbackAddressUnlessAllowed() {
		assertThatThrownBy(() -> start("--handoff.delivery.private-targets=refuse"))
			.satisfies(e -> assertThat(messages(e)).contains(".yaml")
				.contains("resolves to 127.0.0.1, a loopback, private or link-local address"));
	}

	private void start(String... args) {
		try (ConfigurableApplicationContext context = run(edge -> true, args)) {
			throw new AssertionError("the service started");
		}
	}

	/**
	 * The service with the test's arguments and the senders' credentials of the shipped
	 * edges this takes, so that each test fails for its own reason only.
	 */
	private ConfigurableApplicationContext run(Predicate<String> senders, String... args) {
		String targets = Stream.of(args).anyMatch(a -> a.startsWith("--handoff.delivery.private-targets"))
				? "--debug=false" : "--handoff.delivery.private-targets=allow";
		String[] all = Stream.of(Stream.of("--server.port=0", "--HANDOFF_DATA_DIR=" + dir.resolve("data"), targets,
				"--handoff.tools.cms-url=http://localhost:9/cms", "--handoff.tools.email-url=http://localhost:9/email",
				"--handoff.tools.tracking-url=http://localhost:9/tracking"),
				Senders.arguments().stream().filter(senders), Stream.of(args))
			.flatMap(a -> a)
			.toArray(String[]::new);
		return new SpringApplicationBuilder(HandoffApplication.class).run(all);
	}

	/**
	 * Every message in the cause chain, since Spring and Camel wrap the one that names
	 * the file.
	 */
	private static String messages(Throwable e) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = e; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}

}
