package dev.handoff.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.handoff.edge.EdgeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The settings of who may send to which edge, as docs/contracts.md (once the README)
 * shows them, bind as written, from a file and from the environment.
 */
class InboundReadmeTest {

	@Test
	void theSettingsOfTheContractsPageAreCompleteForTheKindsTheyAreFor() throws IOException {
		Matcher block = Pattern.compile("Slack's\\s+scheme last:\\s*```yaml\\n(.*?)```", Pattern.DOTALL)
			.matcher(Files.readString(Path.of("docs/contracts.md")));
		assertThat(block.find()).as("docs/contracts.md has the yaml block of 'Who may send to an edge'").isTrue();
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader()
			.load("readme", new ByteArrayResource(block.group(1).getBytes(StandardCharsets.UTF_8)))
			.forEach(environment.getPropertySources()::addFirst);
		// the ${...} of the secrets stay as written: any value stands for the one the
		// environment gives
		EdgeProperties properties = new Binder(ConfigurationPropertySources.get(environment))
			.bind("handoff.edges", Bindable.of(EdgeProperties.class))
			.get();
		InboundAuth auth = new InboundAuth(properties.inbound(), Map.of(), Clock.systemUTC());
		Map<String, InboundKind> kinds = Map.of("brief-approved", InboundKind.bearer, "tracking-event",
				InboundKind.basic, "typeform-leads", InboundKind.hmac, "slack-events", InboundKind.hmac);
		assertThat(properties.inbound()).containsOnlyKeys(kinds.keySet());
		kinds.forEach((edge, kind) -> assertThat(auth.problems(edge, kind)).as(edge).isEmpty());
		assertThat(auth.problems("slack-events", InboundKind.bearer)).as("the check can fail").isNotEmpty();
	}

	@Test
	void numberedEnvironmentVariablesGiveAnEdgeSeveralTokensUnderItsNameWithoutDashes() {
		StandardEnvironment environment = new StandardEnvironment();
		// in place of the real environment, under its name: that name is what makes
		// Spring map HANDOFF_X_Y onto handoff.x.y
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("HANDOFF_EDGES_INBOUND_BRIEFAPPROVED_TOKENS_0", "old-token",
									"HANDOFF_EDGES_INBOUND_BRIEFAPPROVED_TOKENS_1", "new-token")));
		EdgeProperties properties = new Binder(ConfigurationPropertySources.get(environment))
			.bind("handoff.edges", Bindable.of(EdgeProperties.class))
			.get();
		InboundAuth auth = new InboundAuth(properties.inbound(), Map.of(), Clock.systemUTC());
		assertThat(auth.problems("brief-approved", InboundKind.bearer)).isEmpty();
		for (String token : new String[] { "old-token", "new-token" }) {
			MockHttpServletRequest request = new MockHttpServletRequest("POST", "/edges/brief-approved");
			request.addHeader("Authorization", "Bearer " + token);
			assertThat(auth.verifier("brief-approved", InboundKind.bearer).headers(request)).as(token).isEmpty();
		}
	}

}
