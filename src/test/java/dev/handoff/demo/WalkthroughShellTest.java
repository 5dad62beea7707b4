package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's "Try it" block, run as written in a shell against the demo, step by step:
 * the same curl and jq lines a newcomer pastes, with only the ports and the ids of
 * earlier answers filled in. The {@code bin/handoff} lines are the command line's way to
 * do steps 7–9 instead (covered by {@code RejectsEndToEndTest}); they are not run here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class WalkthroughShellTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static int tools;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void freePorts(DynamicPropertyRegistry registry) throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			tools = socket.getLocalPort();
		}
		registry.add("HANDOFF_DEMO_TOOLS_PORT", () -> tools);
		Path data = Files.createTempDirectory("handoff-walkthrough-");
		registry.add("HANDOFF_DATA_DIR", data::toString);
		registry.add("HANDOFF_DEMO_TOKEN", () -> "demo-admin-token");
	}

	@Test
	void everyStepAnswersAsTheReadmeSays() throws Exception {
		Map<Integer, List<String>> steps = steps();
		assertThat(steps.keySet()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

		assertThat(outcome(run(steps.get(1).get(0)))).isEqualTo("accepted");
		assertThat(outcome(run(steps.get(2).get(0)))).isEqualTo("accepted");
		JsonNode email = JSON.readTree(run(steps.get(3).get(0)));
		assertThat(email.get("outcome").asText()).isEqualTo("accepted");
		assertThat(email.get("generated").toString()).contains("/tracking/google_analytics");
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> run(steps.get(4).get(0)).contains("utm_campaign"));
		assertThat(run(steps.get(4).get(0))).contains(
				"href=\"https://shop.example.com/spring-sale-2027?utm_source=mailchimp&amp;utm_medium=email&amp;utm_campaign=spring-sale-2027-c-1001\"",
				"href=\"https://help.example.org/returns\"");

		JsonNode stale = JSON.readTree(run(steps.get(5).get(0)));
		assertThat(stale.get("outcome").asText()).isEqualTo("rejected");
		JsonNode typed = JSON.readTree(run(steps.get(6).get(0)));
		assertThat(typed.at("/violations/0/rule").asText()).isEqualTo("generated-mismatch");
		Map<String, String> ids = Map.of("5", stale.get("id").asText(), "6", typed.get("id").asText());

		for (String line : steps.get(7)) {
			String answer = run(line.replace("<id>", ids.get("6")));
			assertThat(answer).as(line).doesNotContain("\"status\":401").doesNotContain("\"status\":404").isNotBlank();
		}
		JsonNode replayed = JSON.readTree(run(steps.get(8).get(0).replace("<id>", ids.get("6"))));
		assertThat(replayed.get("outcome").asText()).as(replayed.toString()).isEqualTo("accepted");
		JsonNode discarded = JSON.readTree(run(steps.get(9).get(0).replace("<id>", ids.get("5"))));
		assertThat(discarded.toString()).contains("discarded");

		JsonNode held = JSON.readTree(run(steps.get(10).get(0)));
		assertThat(held.get("outcome").asText()).isEqualTo("held");
		assertThat(run(steps.get(10).get(1))).contains(held.get("id").asText());
		assertThat(run(steps.get(10).get(2).replace("<id>", held.get("id").asText()))).contains("approved");

		assertThat(outcome(run(steps.get(11).get(0)))).isEqualTo("accepted");
		JsonNode drift = JSON.readTree(run(steps.get(11).get(1)));
		assertThat(drift).hasSize(1);
		assertThat(drift.at("/0/edge").asText()).isEqualTo("email-campaign");
		assertThat(drift.at("/0/deliveredVersion").asLong()).isEqualTo(2);
		assertThat(drift.at("/0/currentVersion").asLong()).isEqualTo(3);
	}

	/**
	 * The commands of the README's block by step number, continuation lines joined,
	 * comments and the CLI left out.
	 */
	private static Map<Integer, List<String>> steps() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		Matcher block = Pattern.compile("## Try it \\(demo mode\\).*?```bash\\n(.*?)```", Pattern.DOTALL)
			.matcher(readme);
		assertThat(block.find()).as("the README has the walkthrough's block").isTrue();
		Map<Integer, List<String>> steps = new LinkedHashMap<>();
		Integer step = null;
		Pattern numbered = Pattern.compile("^# (\\d+)\\. ");
		String pending = "";
		for (String line : block.group(1).split("\\n")) {
			Matcher n = numbered.matcher(line);
			if (n.find()) {
				step = Integer.valueOf(n.group(1));
				continue;
			}
			if (line.startsWith("# 7-9 from the command line")) {
				step = null;
				continue;
			}
			if (line.isBlank() || line.startsWith("#") || step == null) {
				continue;
			}
			String command = pending + line.replaceAll("\\s+#\\s.*$", "");
			if (command.endsWith("\\")) {
				pending = command.substring(0, command.length() - 1);
				continue;
			}
			pending = "";
			if (!command.startsWith("TOKEN=")) {
				steps.computeIfAbsent(step, s -> new ArrayList<>()).add(command.strip());
			}
		}
		return steps;
	}

	/**
	 * Runs one line of the README in bash from the project folder, on this test's ports,
	 * and gives what it printed.
	 */
	private String run(String line) throws IOException, InterruptedException {
		String command = line.replace("localhost:8080", "localhost:" + port)
			.replace("localhost:8089", "localhost:" + tools);
		Process bash = new ProcessBuilder("bash", "-c", "set -o pipefail; TOKEN=demo-admin-token; " + command)
			.redirectErrorStream(true)
			.start();
		String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(bash.exitValue()).as(line + "\n" + out).isZero();
		return out;
	}

	private static String outcome(String answer) throws IOException {
		return JSON.readTree(answer).get("outcome").asText();
	}

}
