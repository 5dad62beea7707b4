package dev.handoff.demo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import dev.handoff.access.AccessProperties;
import dev.handoff.access.Role;
import dev.handoff.access.TokenSource;
import dev.handoff.access.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: an admin review token, printed at start so a newcomer can open the UI
 * and the API at once. {@code HANDOFF_DEMO_TOKEN} fixes its value; otherwise it is new at
 * every start.
 */
@Component
@Profile("demo")
class DemoToken implements TokenSource {

	private static final Logger log = LoggerFactory.getLogger(DemoToken.class);

	private final String token;

	private final boolean chosen;

	private final String port;

	DemoToken(@Value("${handoff.demo.token:}") String token, @Value("${server.port:8080}") String port) {
		this.chosen = !token.isBlank();
		this.token = chosen ? token.strip() : generate();
		this.port = port;
	}

	private static String generate() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return "demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public List<AccessProperties.Token> tokens() {
		return List.of(new AccessProperties.Token("demo-admin", Role.ADMIN, Tokens.sha256(token)));
	}

	@EventListener(ApplicationReadyEvent.class)
	void print() {
		log.info("Demo review token (role admin{}): {}   — open http://localhost:{}/ui and log in with it",
				chosen ? ", from HANDOFF_DEMO_TOKEN" : "", token, port);
	}

}
