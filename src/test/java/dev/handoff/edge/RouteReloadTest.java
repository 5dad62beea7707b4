package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import dev.handoff.TestFiles;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Route files edited under a running service: a good edit serves at once, a bad one is
 * refused and the edges stay.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteReloadTest extends EdgeTestSupport {

	private static Path routes;

	@DynamicPropertySource
	static void editableRoutes(DynamicPropertyRegistry registry) throws IOException {
		routes = TestFiles.copy(Path.of("routes"), Files.createTempDirectory("handoff-routes-").resolve("routes"));
		registry.add("HANDOFF_ROUTES_DIR", routes::toString);
		registry.add("handoff.contracts.reload-interval", () -> "100ms");
		// the edge test 1 adds comes with its senders' token, like any edge added while
		// the service runs
		registry.add("handoff.edges.inbound.email-campaign-eu.tokens[0]", () -> "eu-campaign-builder-token");
	}

	@Test
	@Order(1)
	void aNewRouteFileServesANewEdge() throws IOException {
		briefsApproved();
		String route = Files.readString(routes.resolve("email-campaign.yaml"))
			.replace("id: email-campaign", "id: email-campaign-eu")
			.replace("/edges/email-campaign", "/edges/email-campaign-eu");
		Files.writeString(routes.resolve("email-campaign-eu.yaml"), route);
		await().atMost(Duration.ofSeconds(10)).until(() -> send("email-campaign-eu", bytes("{}")).statusCode() == 422);
		assertThat(send("email-campaign-eu", bytes(example("email-campaign", "01-good-campaign.json"))).statusCode())
			.isEqualTo(202);
		assertThat(json(get("/api/edges")).get("edges")).extracting(e -> e.get("name").asText())
			.contains("email-campaign-eu");
	}

	@Test
	@Order(2)
	void aRouteNamingAnUnknownContractIsRefusedAndTheEdgeKeepsWorking() throws IOException {
		TestFiles.replace(routes.resolve("cms-landing-page.yaml"), "handoff:guard:cms-landing-page",
				"handoff:guard:cms-page");
		await().atMost(Duration.ofSeconds(10)).until(() -> !json(get("/api/edges")).get("lastError").isNull());
		assertThat(json(get("/api/edges")).get("lastError").get("message").asText()).contains("cms-landing-page.yaml")
			.contains("names contract 'cms-page'");
		assertThat(send("cms-landing-page", bytes(example("cms-landing-page", "01-good-page.json"))).statusCode())
			.isEqualTo(202);
		TestFiles.replace(routes.resolve("cms-landing-page.yaml"), "handoff:guard:cms-page",
				"handoff:guard:cms-landing-page");
		await().atMost(Duration.ofSeconds(10)).until(() -> json(get("/api/edges")).get("lastError").isNull());
	}

	@Test
	@Order(3)
	void aRouteCamelCannotBuildIsPutBackAsItWas() throws IOException {
		TestFiles.replace(routes.resolve("tracking-event.yaml"), "httpMethodRestrict: POST",
				"httpMethodRestrict: POST\n        noSuchOption: 1");
		await().atMost(Duration.ofSeconds(10)).until(() -> !json(get("/api/edges")).get("lastError").isNull());
		assertThat(json(get("/api/edges")).get("lastError").get("message").asText()).contains("tracking-event.yaml");
		assertThat(send("tracking-event", bytes(example("tracking-event", "01-good-click.json"))).statusCode())
			.isEqualTo(202);
	}

	@Test
	@Order(4)
	void aDeletedRouteFileTakesItsEdgeAway() throws IOException {
		Files.deleteIfExists(routes.resolve("email-campaign-eu.yaml"));
		await().atMost(Duration.ofSeconds(10)).until(() -> send("email-campaign-eu", bytes("{}")).statusCode() == 404);
		assertThat(send("email-campaign", bytes("{}")).statusCode()).isEqualTo(422);
	}

	@Test
	@Order(5)
	void aNewEdgeThatDoesNotSayWhoMaySendIsRefused() throws IOException {
		String route = Files.readString(routes.resolve("email-campaign.yaml"))
			.replace("id: email-campaign", "id: email-campaign-open")
			.replace("/edges/email-campaign", "/edges/email-campaign-open")
			.replace("?inbound=bearer", "");
		Files.writeString(routes.resolve("email-campaign-open.yaml"), route);
		await().atMost(Duration.ofSeconds(10)).until(() -> lastError().contains("email-campaign-open.yaml"));
		assertThat(lastError()).contains("edge 'email-campaign-open' takes messages from anyone who can reach it");
		assertThat(sendWithoutCredentials("email-campaign-open", bytes("{}")).statusCode()).isEqualTo(404);
		Files.delete(routes.resolve("email-campaign-open.yaml"));
		await().atMost(Duration.ofSeconds(10)).until(() -> !lastError().contains("email-campaign-open.yaml"));
	}

	@Test
	@Order(6)
	void aNewEdgeWhoseSecretsAreNotConfiguredIsRefusedNamingTheSetting() throws IOException {
		String route = Files.readString(routes.resolve("email-campaign.yaml"))
			.replace("id: email-campaign", "id: email-campaign-us")
			.replace("/edges/email-campaign", "/edges/email-campaign-us");
		Files.writeString(routes.resolve("email-campaign-us.yaml"), route);
		await().atMost(Duration.ofSeconds(10)).until(() -> lastError().contains("email-campaign-us.yaml"));
		assertThat(lastError())
			.contains("edge 'email-campaign-us': inbound=bearer needs handoff.edges.inbound.email-campaign-us.tokens");
		assertThat(sendWithoutCredentials("email-campaign-us", bytes("{}")).statusCode()).isEqualTo(404);
	}

	@Test
	@Order(7)
	void aMessageSentWhileItsRouteIsReloadedIsAcceptedOrToldToSendAgainNeverAServerError() throws Exception {
		byte[] good = bytes(example("email-campaign", "01-good-campaign.json"));
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		Set<String> problems = ConcurrentHashMap.newKeySet();
		AtomicBoolean sending = new AtomicBoolean(true);
		ExecutorService senders = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			senders.execute(() -> {
				while (sending.get()) {
					HttpResponse<String> answer = send("email-campaign", good);
					statuses.merge(answer.statusCode(), 1, Integer::sum);
					if (answer.statusCode() != 202) {
						problems.add(answer.statusCode() + " " + answer.body());
					}
				}
			});
		}
		String route = Files.readString(routes.resolve("email-campaign.yaml"));
		for (int edit = 1; edit <= 6; edit++) {
			String before = json(get("/api/edges")).get("routesLoadedAt").asText();
			Files.writeString(routes.resolve("email-campaign.yaml"), route + "# edit " + edit + "\n");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !json(get("/api/edges")).get("routesLoadedAt").asText().equals(before));
		}
		sending.set(false);
		senders.shutdown();
		assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

		assertThat(statuses).as("answers by status while the route was applied six times").containsKey(202);
		assertThat(statuses.keySet()).as("answers other than 202: %s", problems).isSubsetOf(202, 503);
		assertThat(problems).allSatisfy(problem -> assertThat(problem).contains("edge-reloaded"));
	}

	/** The message of the last refused edit of the routes; empty when none is refused. */
	private String lastError() {
		JsonNode error = json(get("/api/edges")).get("lastError");
		return error.isNull() ? "" : error.get("message").asText();
	}

}
