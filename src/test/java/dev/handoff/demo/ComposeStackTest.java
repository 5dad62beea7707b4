package dev.handoff.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handoff.HandoffApplication;
import dev.handoff.storage.Postgres;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.context.support.StandardServletEnvironment;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose stack's Handoff is run as the container
 * would run it, as far as that goes without one: the environment of its service in
 * {@code docker-compose.yml} (and the Dockerfile's {@code ENV}), given as environment
 * variables, verbatim except the addresses of its neighbours, which point at stand-ins in
 * this JVM: PostgreSQL from a jar, the in-process Kafka broker, and WireMock serving the
 * very mappings folder the compose file mounts. Then every variable must be one the
 * application binds, the health check and the scrape paths its neighbours call must be
 * served, and the README's walkthrough must reach the tool stand-ins with the credentials
 * they require.
 */
@EmbeddedKafka(kraft = true, partitions = 1,
		topics = { "tracking-events", "tracking-events-accepted", "tracking-events-rejected" })
class ComposeStackTest {

	/**
	 * Not a setting (the real one is plural): planted to show that an unbound variable is
	 * caught.
	 */
	private static final String PLANTED = "HANDOFF_DELIVERY_RETRY_WAIT";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final WireMockServer tools = new WireMockServer(wireMockConfig().dynamicPort()
		.bindAddress("127.0.0.1")
		.usingFilesUnderDirectory(wiremockRoot().toString()));

	private static Map<String, String> environment;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws IOException {
		tools.start();
		environment = containerEnvironment();
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.putAll(environment);
		variables.put(PLANTED, "1s");
		StandardServletEnvironment env = new StandardServletEnvironment();
		// in place of the real environment, under its name: that name is what makes
		// Spring bind HANDOFF_X_Y as it would in the container
		env.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		// the container listens on the default port; a test takes any free one
		app = new SpringApplicationBuilder(HandoffApplication.class).environment(env).run("--server.port=0");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		tools.stop();
	}

	/**
	 * The handoff service's environment and the Dockerfile's ENV, with each neighbour's
	 * address replaced by its stand-in's.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, String> containerEnvironment() throws IOException {
		Map<String, String> variables = new LinkedHashMap<>();
		Matcher env = Pattern.compile("(?m)^ENV (\\w+)=(\\S+)$").matcher(Files.readString(Path.of("Dockerfile")));
		while (env.find()) {
			variables.put(env.group(1), env.group(2));
		}
		((Map<String, Object>) ComposeFileTest.service("handoff").get("environment"))
			.forEach((k, v) -> variables.put(k, String.valueOf(v)));

		Map<String, String> postgres = new HashMap<>();
		Postgres.use(new DynamicPropertyRegistry() {
			@Override
			public void add(String name, java.util.function.Supplier<Object> value) {
				postgres.put(name, String.valueOf(value.get()));
			}
		});
		Map<String, Object> database = (Map<String, Object>) ComposeFileTest.service("postgres").get("environment");
		assertThat(variables).as("Handoff uses the database, user and password the postgres service creates")
			.containsEntry("HANDOFF_DB_URL", "jdbc:postgresql://postgres:5432/" + database.get("POSTGRES_DB"))
			.containsEntry("HANDOFF_DB_USER", String.valueOf(database.get("POSTGRES_USER")))
			.containsEntry("HANDOFF_DB_PASSWORD", String.valueOf(database.get("POSTGRES_PASSWORD")));
		variables.putAll(postgres);

		Map<String, Object> kafka = (Map<String, Object>) ComposeFileTest.service("kafka").get("environment");
		assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS").toString())
			.contains("PLAINTEXT://" + variables.get("HANDOFF_KAFKA_BROKERS"));
		variables.put("HANDOFF_KAFKA_BROKERS", EmbeddedKafkaCondition.getBroker().getBrokersAsString());

		assertThat((List<Object>) ComposeFileTest.service("wiremock").get("ports"))
			.as("WireMock listens on 8080 in its container")
			.containsExactly("8089:8080");
		variables.replaceAll((k, v) -> v.replace("http://wiremock:8080", tools.baseUrl()));
		assertThat(variables.values()).as("no neighbour left unreplaced")
			.noneMatch(v -> v.matches(".*//(postgres|kafka|wiremock)[:/].*"));

		assertThat(variables).as("the Dockerfile's data folder").containsKey("HANDOFF_DATA_DIR");
		variables.put("HANDOFF_DATA_DIR", Files.createTempDirectory("handoff-compose-").toString());
		return variables;
	}

	/**
	 * WireMock's root in its container is /home/wiremock; the compose file mounts a
	 * folder of this repository as its mappings.
	 */
	@SuppressWarnings("unchecked")
	private static Path wiremockRoot() {
		try {
			String mount = ((List<Object>) ComposeFileTest.service("wiremock").get("volumes")).get(0).toString();
			String[] parts = mount.split(":");
			assertThat(parts[1]).isEqualTo("/home/wiremock/mappings");
			assertThat(Path.of(parts[0]).getFileName().toString()).isEqualTo("mappings");
			return Path.of(parts[0]).getParent();
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
	}

	@Test
	void bindsEveryVariableItSets() throws IOException {
		Set<String> unbound = unbound(environment.keySet());
		assertThat(unbound).isEmpty();
		assertThat(unbound(Set.of(PLANTED))).as("the check can fail").containsExactly(PLANTED);
	}

	/**
	 * The variables nothing reads: neither a {@code ${NAME}} placeholder of
	 * application.yaml nor the origin of a value bound to a
	 * {@code @ConfigurationProperties} bean (as {@code /actuator/configprops} reports
	 * it).
	 */
	private static Set<String> unbound(Set<String> variables) throws IOException {
		String configuration = Files.readString(Path.of("src/main/resources/application.yaml"));
		ConfigurationPropertiesReportEndpoint report = new ConfigurationPropertiesReportEndpoint(List.of(),
				Show.ALWAYS);
		report.setApplicationContext(app);
		String bound = JSON.writeValueAsString(report.configurationProperties());
		Set<String> unbound = new TreeSet<>();
		for (String variable : variables) {
			boolean placeholder = configuration.contains("${" + variable + ":")
					|| configuration.contains("${" + variable + "}");
			if (!placeholder && !bound.contains("System Environment Property \\\"" + variable + "\\\"")) {
				unbound.add(variable);
			}
		}
		return unbound;
	}

	@Test
	@SuppressWarnings("unchecked")
	void servesTheHealthCheckAndTheScrapeItsNeighboursCall() throws Exception {
		Matcher check = Pattern.compile("HEALTHCHECK .*\\n\\s*CMD curl -fsS http://localhost:8080(\\S+)")
			.matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(check.find()).as("the Dockerfile's health check").isTrue();
		HttpResponse<String> health = get(check.group(1), null);
		assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
		assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");

		Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("docker/prometheus.yml")));
		Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).get(0);
		List<Object> targets = (List<Object>) ((List<Map<String, Object>>) job.get("static_configs")).get(0)
			.get("targets");
		assertThat(targets).as("the handoff service on its container port").containsExactly("handoff:8080");
		HttpResponse<String> scrape = get(job.get("metrics_path").toString(), null);
		assertThat(scrape.statusCode()).isEqualTo(200);
		// the exposition format, without a token; that the dashboard's metrics are in it
		// is DashboardTest's part
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
		assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge");
	}

	@Test
	void walksThroughTheReadmeFromItsSendersToTheToolStandIns() throws Exception {
		String brief = "Bearer " + environment.get("HANDOFF_EDGES_INBOUND_BRIEFAPPROVED_TOKENS");
		String builder = "Bearer " + environment.get("HANDOFF_EDGES_INBOUND_EMAILCAMPAIGN_TOKENS");
		assertThat(send("brief-approved", Path.of("demo/brief-v1.json"), null)).as("no sender's token").isEqualTo(401);
		assertThat(send("brief-approved", Path.of("demo/brief-v1.json"), brief)).isEqualTo(202);
		assertThat(send("brief-approved", Path.of("demo/brief-v2-late-change.json"), brief)).isEqualTo(202);
		assertThat(send("email-campaign", Path.of("demo/email-good.json"), builder)).isEqualTo(202);
		assertThat(send("cms-landing-page", example("cms-landing-page", "01-good-page.json"),
				"Bearer " + environment.get("HANDOFF_EDGES_INBOUND_CMSLANDINGPAGE_TOKENS")))
			.isEqualTo(202);
		String writeKey = environment.get("HANDOFF_EDGES_INBOUND_TRACKINGEVENT_USERNAME");
		assertThat(send("tracking-event", example("tracking-event", "01-good-click.json"),
				dev.handoff.Senders.basic(writeKey, "")))
			.isEqualTo(202);

		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		await("every message settled").atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.queryForObject(
					"SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND edge <> 'notices'", Integer.class) == 0);
		assertThat(jdbc.queryForList("SELECT edge, violations FROM reject"))
			.as("nothing rejected, no delivery refused by a tool")
			.isEmpty();
		assertThat(jdbc.queryForList("SELECT edge FROM outbox WHERE status = 'delivered'", String.class))
			.containsExactlyInAnyOrder("email-campaign", "cms-landing-page", "tracking-event");
		assertThat(tools.findAll(anyRequestedFor(anyUrl()))).as("each tool stand-in got its credentials")
			.allSatisfy(r -> assertThat(r.getHeader("Authorization")).isNotNull());
	}

	@Test
	void acceptsTheReviewTokenItDocuments() {
		assertThat(get("/api/rejects", "compose-admin-token").statusCode()).isEqualTo(200);
		assertThat(get("/api/rejects", "another-token").statusCode()).isEqualTo(401);
	}

	@Test
	void readsTrackingEventsFromTheKafkaItNames() throws Exception {
		assertThat(app.getBean(CamelContext.class).getRouteController().getRouteStatus("tracking-kafka"))
			.isEqualTo(ServiceStatus.Started);
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
			await("the edge's consumer in its group").atMost(Duration.ofSeconds(30))
				.until(() -> !admin.describeConsumerGroups(List.of("handoff"))
					.describedGroups()
					.get("handoff")
					.get()
					.members()
					.isEmpty());
		}
	}

	private static Path example(String edge, String file) throws IOException {
		Path message = Files.createTempFile("handoff-compose-", ".json");
		Files.write(message, JSON
			.writeValueAsBytes(JSON.readTree(Path.of("contracts/examples", edge, file).toFile()).get("message")));
		return message;
	}

	private static int send(String edge, Path body, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port() + "/edges/" + edge))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofFile(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static HttpResponse<String> get(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}

	private static int port() {
		return ((WebServerApplicationContext) app).getWebServer().getPort();
	}

}
