package dev.handoff.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handoff.FastStart;
import dev.handoff.Senders;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poll's restart promise under kill -9: the packaged jar reads a slow Airtable (sixty
 * records, ten a page, 400 ms a page, answering only records changed since the time the
 * formula names) every second and is killed in the middle of a poll four times, on one
 * data folder; while it is down, a tenth of the records are edited to a new version. With
 * no overlap and idempotency keys forgotten at once, only the cursor and the poll's own
 * memory count. In the end every good record is the truth at its last version, none
 * missing, no version taken twice, and every bad record is one reject.
 */
class BriefAirtableCrashIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int KILLS = 4;

	private static final int PAGES = 6;

	private static final int PER_PAGE = 10;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Table table = new Table();

	private final WireMockServer server = new WireMockServer(
			wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(table));

	private final Random random = new Random(7);

	private Process process;

	@AfterEach
	void stop() {
		if (process != null) {
			process.destroyForcibly();
		}
		server.stop();
	}

	@Test
	void aPollKilledMidwayAndRestartedNeitherSkipsNorRepeatsABrief() throws Exception {
		server.start();
		AirtableStandIn airtable = new AirtableStandIn(new WireMock("localhost", server.port()));
		airtable.requireToken();
		airtable
			.register(AirtableStandIn.pageRequest(null).willReturn(aResponse().withStatus(200).withFixedDelay(400)));
		airtable.register(WireMock.get(urlPathEqualTo(AirtableStandIn.PATH))
			.atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + AirtableStandIn.TOKEN))
			.withQueryParam("offset", matching("itrPage[0-9]+"))
			.willReturn(aResponse().withStatus(200).withFixedDelay(400)));
		for (int i = 0; i < PAGES * PER_PAGE; i++) {
			String campaign = "C-" + (3000 + i);
			// every tenth is bad: its landing page is not https
			String landing = (i % 10 == 9 ? "http://" : "https://") + "shop.example.com/" + campaign;
			table.put(AirtableStandIn.record(AirtableStandIn.recordId("Crash", i), campaign, 1, landing));
		}
		Path data = Files.createTempDirectory("handoff-poll-crash-");

		int port = 0;
		for (int run = 0; run <= KILLS; run++) {
			port = freePort();
			long asked = airtable.requests().size();
			process = start(data, port, run);
			awaitReady(port);
			if (run == KILLS) {
				break;
			}
			// in the middle of a poll: after its second page was asked for, before its
			// last
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> airtable.requests()
					.stream()
					.skip(asked)
					.anyMatch(r -> "itrPage2".equals(AirtableStandIn.offsetOf(r))));
			Thread.sleep(random.nextInt(1200));
			process.destroyForcibly().waitFor();
			if (run == 1) {
				// a late change of every tenth brief, made while the service is down
				for (int i = 3; i < PAGES * PER_PAGE; i += 10) {
					ObjectNode edited = AirtableStandIn.record(AirtableStandIn.recordId("Crash", i), "C-" + (3000 + i),
							2, "https://shop.example.com/v2/" + i);
					table.put(edited);
				}
			}
		}

		int live = port;
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> everyBriefTakenOnce(live));
		long polls = airtable.asked(null);
		await().atMost(Duration.ofSeconds(60)).until(() -> airtable.asked(null) >= polls + 3);
		everyBriefTakenOnce(live);
	}

	/**
	 * Every good record is the truth at its last version, no version taken twice; every
	 * bad record is one reject.
	 */
	private void everyBriefTakenOnce(int port) throws Exception {
		Map<String, Integer> rejectsByCampaign = new HashMap<>();
		get(port, "/api/rejects?edge=brief-airtable&size=100").get("items")
			.forEach(r -> rejectsByCampaign.merge(r.get("campaign").asText(), 1, Integer::sum));
		for (int i = 0; i < PAGES * PER_PAGE; i++) {
			String campaign = "C-" + (3000 + i);
			if (i % 10 == 9) {
				assertThat(rejectsByCampaign.get(campaign)).as("rejects of the bad record of " + campaign).isEqualTo(1);
				continue;
			}
			List<Long> history = new ArrayList<>();
			HttpResponse<String> truth = send(port, "/api/truth/" + campaign);
			assertThat(truth.statusCode()).as(campaign + " is the truth").isEqualTo(200);
			JSON.readTree(truth.body()).get("history").forEach(v -> history.add(v.get("version").asLong()));
			if (i % 10 != 3) {
				assertThat(history).as(campaign).isEqualTo(List.of(1L));
			}
			else if (i < PER_PAGE) {
				// on the first page, read whole before the first kill: version 1 was
				// taken, then version 2
				assertThat(history).as(campaign).isEqualTo(List.of(2L, 1L));
			}
			else {
				// further on, version 1 may have been edited away before any poll reached
				// it: never read, never the truth
				assertThat(history).as(campaign).isIn(List.of(2L, 1L), List.of(2L));
			}
		}
		assertThat(rejectsByCampaign.values().stream().mapToInt(Integer::intValue).sum()).as("rejects in all")
			.isEqualTo(PAGES);
	}

	/**
	 * The table behind the stand-in: each record with the time it was last changed. It
	 * answers as Airtable does: only the records the formula's
	 * {@code IS_AFTER(LAST_MODIFIED_TIME(), DATETIME_PARSE('...'))} lets through, ten a
	 * page, each page but the last naming the next one's offset.
	 */
	static final class Table implements ResponseDefinitionTransformerV2 {

		private static final Pattern SINCE = Pattern.compile("DATETIME_PARSE\\('([^']+)'\\)");

		private final Map<String, ObjectNode> records = new LinkedHashMap<>();

		private final Map<String, Instant> changed = new HashMap<>();

		synchronized void put(ObjectNode record) {
			records.put(record.get("id").asText(), record);
			changed.put(record.get("id").asText(), Instant.now());
		}

		@Override
		public synchronized ResponseDefinition transform(ServeEvent event) {
			LoggedRequest request = event.getRequest();
			if (!request.getUrl().startsWith(AirtableStandIn.PATH)
					|| event.getResponseDefinition().getStatus() != 200) {
				return event.getResponseDefinition();
			}
			Matcher since = SINCE.matcher(request.queryParameter("filterByFormula").firstValue());
			Instant after = since.find() ? Instant.parse(since.group(1)) : null;
			List<ObjectNode> matching = records.values()
				.stream()
				.filter(r -> after == null || changed.get(r.get("id").asText()).isAfter(after))
				.toList();
			String offset = AirtableStandIn.offsetOf(request);
			int page = offset == null ? 1 : Integer.parseInt(offset.substring("itrPage".length()));
			int from = Math.min((page - 1) * PER_PAGE, matching.size());
			int to = Math.min(page * PER_PAGE, matching.size());
			return ResponseDefinitionBuilder.like(event.getResponseDefinition())
				.but()
				.withHeader("Content-Type", "application/json")
				.withBody(AirtableStandIn
					.pageAnswer(to < matching.size() ? "itrPage" + (page + 1) : null,
							matching.subList(from, to).toArray(ObjectNode[]::new))
					.build()
					.getBody())
				.build();
		}

		@Override
		public String getName() {
			return "airtable-table";
		}

	}

	private Process start(Path data, int port, int run) throws IOException {
		List<String> command = FastStart.command();
		command.addAll(List.of("--server.port=" + port, "--HANDOFF_DATA_DIR=" + data,
				"--handoff.tools.cms-url=http://localhost:9/cms", "--handoff.tools.email-url=http://localhost:9/email",
				"--handoff.tools.tracking-url=http://localhost:9/tracking", "--handoff.delivery.private-targets=allow",
				"--handoff.airtable.interval=1s", "--handoff.airtable.overlap=0s",
				"--handoff.edges.idempotency-window=1ms", "--handoff.access.tokens[0].name=test",
				"--handoff.access.tokens[0].role=viewer",
				"--handoff.access.tokens[0].sha256=04afacc947b28c94e15578a9db68c1d1bf775b3ff82bc88e31d4465f26bc0b42"));
		AirtableStandIn.settings(server.baseUrl()).forEach(setting -> command.add("--" + setting));
		// the shipped edges' senders' credentials: an edge that does not know who may
		// send refuses to start
		command.addAll(Senders.arguments());
		File log = Path.of("target", "poll-crash-run-" + run + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private void awaitReady(int port) {
		// a start takes 10-20 s on a quiet machine; a busy one (CI beside other builds)
		// may need several times that
		await().atMost(Duration.ofSeconds(240))
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptions()
			.failFast("the service stopped; see target/poll-crash-run-*.log", () -> !process.isAlive())
			.until(() -> {
				HttpResponse<String> health = http
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
						.GET()
						.build(), HttpResponse.BodyHandlers.ofString());
				return health.statusCode() == 200 && process.isAlive();
			});
	}

	private JsonNode get(int port, String path) throws Exception {
		HttpResponse<String> response = send(port, path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer test-viewer-token")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
