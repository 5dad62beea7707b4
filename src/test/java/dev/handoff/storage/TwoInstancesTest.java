package dev.handoff.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handoff.HandoffApplication;
import dev.handoff.Senders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Two Handoff instances on one PostgreSQL: no message delivered twice, a dead instance's
 * rows taken over, one truth per version.
 */
class TwoInstancesTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	private final WireMockServer tool = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@AfterEach
	void stop() {
		instances.forEach(ConfigurableApplicationContext::close);
		tool.stop();
	}

	private ConfigurableApplicationContext start(Map<String, String> database) throws Exception {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--HANDOFF_DATA_DIR=" + Files.createTempDirectory("unused-h2-"),
						"--handoff.tools.cms-url=" + tool.baseUrl(), "--handoff.tools.email-url=" + tool.baseUrl(),
						"--handoff.tools.tracking-url=" + tool.baseUrl() + "/tracking",
						"--handoff.delivery.private-targets=allow", "--handoff.delivery.poll-interval=50ms"));
		database.forEach((k, v) -> args.add("--" + k + "=" + v));
		args.addAll(Senders.arguments());
		ConfigurableApplicationContext app = new SpringApplicationBuilder(HandoffApplication.class)
			.run(args.toArray(String[]::new));
		instances.add(app);
		return app;
	}

	private Map<String, String> database() {
		Map<String, String> properties = new HashMap<>();
		Postgres.use(new DynamicPropertyRegistry() {
			@Override
			public void add(String name, java.util.function.Supplier<Object> value) {
				properties.put(name, String.valueOf(value.get()));
			}
		});
		return properties;
	}

	private HttpResponse<String> send(ConfigurableApplicationContext app, String edge, byte[] body) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return http
			.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/edges/" + edge))
				.header("Content-Type", "application/json")
				.header("Authorization", Senders.authorization(edge))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString())
			.join();
	}

	@Test
	void deliversEachMessageOnceAcrossTwoInstancesEvenWhenOneStopsMidWay() throws Exception {
		tool.start();
		tool.stubFor(
				post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200).withFixedDelay(5)));
		Map<String, String> database = database();
		ConfigurableApplicationContext a = start(database);
		ConfigurableApplicationContext b = start(database);
		assertThat(send(a, "brief-approved", Files.readAllBytes(Path.of("demo/brief-v1.json"))).statusCode())
			.isEqualTo(202);
		JsonNode event = JSON.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile())
			.get("message");
		List<String> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<String> first = sendMany(event, 0, 1000, i -> i % 2 == 0 ? a : b);
		accepted.addAll(first);
		// instance b stops (SIGTERM-like close) while its sends are under way; a carries
		// on and takes b's rows over
		b.close();
		instances.remove(b);
		accepted.addAll(sendMany(event, 1000, 2000, i -> a));
		assertThat(accepted).hasSize(2000);

		await().atMost(Duration.ofSeconds(120))
			.until(() -> tool.findAll(anyRequestedFor(anyUrl())).size() >= accepted.size());
		Thread.sleep(1000);
		Map<String, Integer> byKey = new HashMap<>();
		tool.findAll(anyRequestedFor(anyUrl()))
			.forEach(r -> byKey.merge(r.getHeader("Idempotency-Key"), 1, Integer::sum));
		System.out.printf("two instances: %d accepted, %d delivered keys, %d requests%n", accepted.size(), byKey.size(),
				tool.findAll(anyRequestedFor(anyUrl())).size());
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
		byKey.forEach((key, count) -> {
			if (count > 1) {
				System.out.println("twice: " + key + " "
						+ jdbc.queryForList("SELECT * FROM delivery_attempt WHERE outbox_id = ?", key)
						+ jdbc.queryForList("SELECT status, attempts, leased_by, last_outcome FROM outbox WHERE id = ?",
								key));
			}
		});
		assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
		assertThat(byKey.values()).as("no message sent twice").containsOnly(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT leased_by) FROM outbox WHERE edge = 'tracking-event'",
				Integer.class))
			.as("both instances delivered")
			.isGreaterThanOrEqualTo(2);
	}

	private List<String> sendMany(JsonNode event, int from, int to,
			java.util.function.IntFunction<ConfigurableApplicationContext> via) {
		return IntStream.range(from, to).parallel().mapToObj(i -> {
			ObjectNode message = event.deepCopy();
			message.put("messageId", "two-" + i);
			HttpResponse<String> response = send(via.apply(i), "tracking-event", bytes(message));
			assertThat(response.statusCode()).isEqualTo(202);
			return read(response.body()).get("id").asText();
		}).toList();
	}

	@Test
	void takesOverTheRowsOfAnInstanceThatDiedMidSend() throws Exception {
		tool.start();
		tool.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)));
		Map<String, String> database = database();
		Map<String, String> paused = new HashMap<>(database);
		paused.put("handoff.delivery.enabled", "false");
		ConfigurableApplicationContext a = start(paused);
		assertThat(send(a, "brief-approved", Files.readAllBytes(Path.of("demo/brief-v1.json"))).statusCode())
			.isEqualTo(202);
		JsonNode event = JSON.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile())
			.get("message");
		HttpResponse<String> accepted = send(a, "tracking-event", bytes(event));
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = read(accepted.body()).get("id").asText();
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
		// as if an instance had claimed it and died: leased, lease already over
		jdbc.update(
				"INSERT INTO outbox (id, edge, contract, contract_sha256, campaign, target, payload, status, attempts, next_attempt_at, "
						+ "created_at, lease_until, leased_by) VALUES ('dead-1', 'tracking-event', 'tracking-event', ?, 'C-1001', ?, ?, 'pending', 0, ?, ?, ?, 'dead')",
				"0".repeat(64), tool.baseUrl() + "/tracking/v1/track", "{}".getBytes(), Timestamp.from(Instant.now()),
				Timestamp.from(Instant.now()), Timestamp.from(Instant.now().minusSeconds(1)));
		jdbc.update(
				"INSERT INTO outbox (id, edge, contract, contract_sha256, campaign, target, payload, status, attempts, next_attempt_at, "
						+ "created_at, lease_until, leased_by) VALUES ('alive-1', 'tracking-event', 'tracking-event', ?, 'C-1001', ?, ?, 'pending', 0, ?, ?, ?, 'busy')",
				"0".repeat(64), tool.baseUrl() + "/tracking/v1/track", "{}".getBytes(), Timestamp.from(Instant.now()),
				Timestamp.from(Instant.now()), Timestamp.from(Instant.now().plusSeconds(3600)));
		start(database);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					jdbc.queryForList("SELECT id FROM outbox WHERE status = 'delivered'", String.class))
				.contains("dead-1", id));
		assertThat(jdbc.queryForObject("SELECT status FROM outbox WHERE id = 'alive-1'", String.class))
			.as("a row another live instance holds is left to it")
			.isEqualTo("pending");
	}

	@Test
	void aSendSlowerThanTheLeaseKeepsItsRowSoTheOtherInstanceDoesNotSendItAgain() throws Exception {
		tool.start();
		// the tool answers after 15 s, longer than the default lease of 10 s: only the
		// renewal keeps the row with its sender
		tool.stubFor(post(urlPathEqualTo("/tracking/v1/track"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(15_000)));
		Map<String, String> database = database();
		ConfigurableApplicationContext a = start(database);
		start(database);
		assertThat(send(a, "brief-approved", Files.readAllBytes(Path.of("demo/brief-v1.json"))).statusCode())
			.isEqualTo(202);
		JsonNode event = JSON.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile())
			.get("message");
		HttpResponse<String> accepted = send(a, "tracking-event", bytes(event));
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = read(accepted.body()).get("id").asText();
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);

		await().atMost(Duration.ofSeconds(90))
			.until(() -> "delivered"
				.equals(jdbc.queryForObject("SELECT status FROM outbox WHERE id = ?", String.class, id)));

		// WireMock logs a request when it arrives: a second send, begun when an unrenewed
		// lease ran out, would be here
		assertThat(tool.findAll(postRequestedFor(urlPathEqualTo("/tracking/v1/track"))))
			.extracting(r -> r.getHeader("Idempotency-Key"))
			.as("one send, by the instance that claimed it")
			.containsExactly(id);
	}

	@Test
	void recordsOneTruthPerVersionWhenBriefsRace() throws Exception {
		Map<String, String> database = database();
		tool.start();
		ConfigurableApplicationContext a = start(database);
		ConfigurableApplicationContext b = start(database);
		JsonNode brief = read(Files.readString(Path.of("demo/brief-v1.json")));
		List<CompletableFuture<HttpResponse<String>>> sends = IntStream.range(0, 10)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> {
				ObjectNode copy = brief.deepCopy();
				((ObjectNode) copy.get("fields")).put("campaign_id", "C-7001").put("name", "Race " + i);
				return send(i % 2 == 0 ? a : b, "brief-approved", bytes(copy));
			}))
			.toList();
		List<Integer> statuses = sends.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
		assertThat(statuses).as("no answer is a server error").allMatch(s -> s < 500);
		assertThat(statuses).contains(202);
		JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM truth_version WHERE campaign = 'C-7001'", Integer.class))
			.isEqualTo(1);
	}

	@Test
	void bulkReplayFromTwoInstancesAtOnceReplaysEachRejectOnce() throws Exception {
		tool.start();
		tool.stubFor(post(urlPathEqualTo("/tracking/v1/track")).willReturn(aResponse().withStatus(200)));
		Map<String, String> database = database();
		database.put("handoff.access.tokens[0].name", "ops");
		database.put("handoff.access.tokens[0].role", "operator");
		database.put("handoff.access.tokens[0].sha256",
				"17d6bfe05d1b1fb7bc499f8e3f639c7b3eda4c40f321eef8887a0c04c89a99c5");
		ConfigurableApplicationContext a = start(database);
		ConfigurableApplicationContext b = start(database);
		ObjectNode event = (ObjectNode) JSON
			.readTree(Path.of("contracts/examples/tracking-event/01-good-click.json").toFile())
			.get("message");
		((ObjectNode) event.get("properties")).put("campaign_id", "C-3001")
			.put("link_url",
					"https://shop.example.com/x?utm_source=mailchimp&utm_medium=email&utm_campaign=spring-sale-2027-c-3001");
		for (int i = 0; i < 20; i++) {
			event.put("messageId", "early-" + i);
			assertThat(send(a, "tracking-event", bytes(event)).statusCode()).as("no truth yet: unknown-campaign")
				.isEqualTo(422);
		}
		ObjectNode brief = (ObjectNode) read(Files.readString(Path.of("demo/brief-v1.json")));
		((ObjectNode) brief.get("fields")).put("campaign_id", "C-3001").put("name", "Spring Sale 2027");
		assertThat(send(b, "brief-approved", bytes(brief)).statusCode()).isEqualTo(202);

		JsonNode preview = read(bulk(a, true).body());
		assertThat(preview.get("selected").asInt()).isEqualTo(20);
		assertThat(preview.get("wouldAccept").asInt()).isEqualTo(20);
		List<CompletableFuture<HttpResponse<String>>> runs = List.of(
				CompletableFuture.supplyAsync(() -> bulk(a, false)),
				CompletableFuture.supplyAsync(() -> bulk(b, false)));
		List<JsonNode> answers = runs.stream().map(CompletableFuture::join).map(r -> read(r.body())).toList();
		assertThat(answers.stream().mapToInt(r -> r.get("accepted").asInt()).sum())
			.as("the preview's count equals the runs'")
			.isEqualTo(20);
		assertThat(read(bulk(a, false).body()).get("selected").asInt()).as("safe to call again").isZero();

		await().atMost(Duration.ofSeconds(20)).until(() -> tool.findAll(anyRequestedFor(anyUrl())).size() >= 20);
		Thread.sleep(500);
		Map<String, Integer> byKey = new HashMap<>();
		tool.findAll(anyRequestedFor(anyUrl()))
			.forEach(r -> byKey.merge(r.getHeader("Idempotency-Key"), 1, Integer::sum));
		assertThat(byKey).hasSize(20);
		assertThat(byKey.values()).containsOnly(1);
	}

	private HttpResponse<String> bulk(ConfigurableApplicationContext app, boolean dryRun) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return http
			.sendAsync(HttpRequest
				.newBuilder(URI
					.create("http://localhost:" + port + "/api/rejects/replay?edge=tracking-event&dryRun=" + dryRun))
				.header("Authorization", "Bearer test-admin-token")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString())
			.join();
	}

	private static byte[] bytes(JsonNode json) {
		try {
			return JSON.writeValueAsBytes(json);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (Exception e) {
			throw new AssertionError(json, e);
		}
	}

}
