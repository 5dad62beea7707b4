package dev.handoff.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Contracts edited under a running service: a good edit takes over whole, a bad one is
 * refused and shown.
 */
class ContractReloadTest extends EdgeTestSupport {

	private static Path contracts;

	@DynamicPropertySource
	static void editableContracts(DynamicPropertyRegistry registry) throws IOException {
		contracts = TestFiles.copy(Path.of("contracts"),
				Files.createTempDirectory("handoff-contracts-").resolve("contracts"));
		registry.add("handoff.contracts.dir", contracts::toString);
		registry.add("handoff.contracts.reload-interval", () -> "100ms");
	}

	private String emailHash() {
		for (JsonNode c : json(get("/api/contracts")).get("contracts")) {
			if (c.get("name").asText().equals("email-campaign")) {
				return c.get("sha256").asText();
			}
		}
		throw new AssertionError("email-campaign is not loaded");
	}

	@Test
	void aGoodEditTakesOverBetweenTwoMessagesAndABadOneIsRefused() throws Exception {
		briefsApproved();
		String before = emailHash();
		byte[] email = bytes(example("email-campaign", "01-good-campaign.json"));
		AtomicBoolean sending = new AtomicBoolean(true);
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> flow = CompletableFuture.runAsync(() -> {
			while (sending.get()) {
				statuses.add(send("email-campaign", email).statusCode());
			}
		});
		await().until(() -> statuses.size() > 20);
		TestFiles.replace(contracts.resolve("email-campaign.schema.json"),
				"\"title\": \"Email campaign for the email platform\"", "\"title\": \"Email campaign (reviewed)\"");
		await().atMost(Duration.ofSeconds(10)).until(() -> !emailHash().equals(before));
		String after = emailHash();
		int switchedAt = statuses.size();
		await().until(() -> statuses.size() > switchedAt + 20);
		sending.set(false);
		flow.get();

		assertThat(statuses).as("no message lost or refused while the set changed").containsOnly(202);
		List<String> hashes = jdbc.queryForList(
				"SELECT contract_sha256 FROM outbox WHERE edge = 'email-campaign' ORDER BY seq", String.class);
		assertThat(hashes).hasSize(statuses.size()).containsOnly(before, after);
		int firstNew = hashes.indexOf(after);
		assertThat(firstNew).isPositive();
		assertThat(hashes.subList(firstNew, hashes.size())).as("once the new set judged, the old never did again")
			.containsOnly(after);

		Files.writeString(contracts.resolve("email-campaign.schema.json"), "{ \"type\": \"object\", }");
		await().atMost(Duration.ofSeconds(10)).until(() -> !json(get("/api/contracts")).get("lastError").isNull());
		assertThat(json(get("/api/contracts")).get("lastError").get("message").asText())
			.contains("email-campaign.schema.json")
			.contains("is not valid JSON");
		assertThat(emailHash()).as("the last good set stays in force").isEqualTo(after);
		HttpResponse<String> still = send("email-campaign", email);
		assertThat(still.statusCode()).isEqualTo(202);
		JsonNode health = json(get("/actuator/health", null)).get("components").get("contracts");
		assertThat(health.get("status").asText()).isEqualTo("UP");
		assertThat(health.get("details").get("lastError").asText()).contains("email-campaign.schema.json");

		HttpResponse<String> forced = post("/api/contracts/reload", "test-admin-token");
		assertThat(forced.statusCode()).isEqualTo(422);
		assertThat(json(forced).get("problems").get(0).get("file").asText()).isEqualTo("email-campaign.schema.json");
		assertThat(post("/api/contracts/reload", "test-viewer-token").statusCode()).isEqualTo(403);
	}

	@Test
	void refusesASetThatDropsAContractAnEdgeGuardsWith() throws Exception {
		Path moved = Files.move(contracts.resolve("tracking-event.schema.json"),
				contracts.getParent().resolve("tracking-event.schema.json"));
		try {
			HttpResponse<String> forced = post("/api/contracts/reload", "test-admin-token");
			assertThat(forced.statusCode()).isEqualTo(422);
			assertThat(forced.body()).contains("edge 'tracking-event'").contains("which the new set lacks");
			assertThat(json(get("/api/contracts")).get("contracts")).extracting(c -> c.get("name").asText())
				.contains("tracking-event");
		}
		finally {
			Files.move(moved, contracts.resolve("tracking-event.schema.json"));
		}
		assertThat(post("/api/contracts/reload", "test-admin-token").statusCode()).isEqualTo(200);
		assertThat(json(get("/api/contracts")).get("lastError").isNull()).isTrue();
	}

	@Test
	void refusesABadGateAndAGateOnAContractAQueueEdgeChecksWith() throws Exception {
		// another test here may have left email-campaign broken on purpose; start from
		// the shipped set
		Files.copy(Path.of("contracts/email-campaign.schema.json"), contracts.resolve("email-campaign.schema.json"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Path file = contracts.resolve("tracking-event.schema.json");
		String original = Files.readString(file);
		try {
			TestFiles.replace(file, "\"channel\": \"email\",", "\"channel\": \"email\", \"gate\": {\"if\": {}},");
			HttpResponse<String> bad = post("/api/contracts/reload", "test-admin-token");
			assertThat(bad.statusCode()).isEqualTo(422);
			assertThat(bad.body()).contains("/x-handoff/gate/reason").contains("a gate needs a 'reason'");

			Files.writeString(file, original);
			TestFiles.replace(file, "\"channel\": \"email\",",
					"\"channel\": \"email\", \"gate\": {\"reason\": \"Check unsubscribes\", \"if\": {}},");
			HttpResponse<String> queued = post("/api/contracts/reload", "test-admin-token");
			assertThat(queued.statusCode()).isEqualTo(422);
			assertThat(queued.body()).contains("edge 'tracking-kafka'")
				.contains("has a gate, but handoff:check: reads a queue");
			assertThat(json(get("/api/contracts")).get("contracts")).extracting(c -> c.get("sha256").asText())
				.as("the last good set stays in force")
				.doesNotContain(ContractLoader.sha256(Files.readAllBytes(file)));
		}
		finally {
			Files.writeString(file, original);
		}
		assertThat(post("/api/contracts/reload", "test-admin-token").statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> post(String path, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
