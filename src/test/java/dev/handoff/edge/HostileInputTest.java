package dev.handoff.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Each hostile or broken input gets a specific answer, never a 500, and is stored only
 * where the design says.
 */
public class HostileInputTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void impatient(DynamicPropertyRegistry registry) {
		registry.add("server.tomcat.connection-timeout", () -> "1s");
	}

	/**
	 * The messages stored as rejected. Not the deliveries that failed: an earlier test's
	 * accepted message can still be on its way when WireMock forgets that test's stubs,
	 * be answered 404 and become one while a later test here waits out a timeout (seen
	 * twice on a loaded machine as "expected: 10 but was: 11").
	 */
	private int rejects() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM reject WHERE seq NOT IN "
				+ "(SELECT reject_seq FROM reject_violation WHERE rule = 'delivery')", Integer.class);
	}

	/** Rejected as {@code parse} with the bytes stored as they came. */
	private JsonNode parseReject(byte[] body) {
		HttpResponse<String> response = send("email-campaign", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		JsonNode violation = json(response).get("violations").get(0);
		assertThat(violation.get("rule").asText()).isEqualTo("parse");
		assertThat(storedPayload(json(response).get("id").asText())).isEqualTo(body);
		return violation;
	}

	@Test
	void refusesNesting100000Deep() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		JsonNode violation = parseReject(bytes(deep));
		assertThat(violation.get("message").asText())
			.isEqualTo("the message is nested more than 32 levels deep, deeper than this edge takes");
		assertThat(violation.get("detail").asText()).as("the parser's own words, for engineers")
			.contains("nesting depth");
	}

	@Test
	void refusesANumberWith100000Digits() {
		JsonNode violation = parseReject(bytes("{\"n\": " + "9".repeat(100_000) + "}"));
		assertThat(violation.get("message").asText()).startsWith("a number in the message has more than 64 digits");
		assertThat(violation.get("detail").asText()).contains("Number value length");
	}

	@Test
	void takesANumberOf64DigitsTheLimitAndRefuses65() {
		assertThat(rules(send("email-campaign", bytes("{\"n\": " + "9".repeat(64) + "}"))))
			.as("64 digits: judged by the contract")
			.isNotEmpty()
			.doesNotContain("parse");
		assertThat(parseReject(bytes("{\"n\": " + "9".repeat(65) + "}")).get("message").asText())
			.startsWith("a number in the message has more than 64 digits");
	}

	@Test
	void takesNesting32DeepTheLimitAndRefuses33() {
		// the object is one level, each array one more
		assertThat(rules(send("email-campaign", bytes("{\"n\": " + "[".repeat(31) + "]".repeat(31) + "}"))))
			.as("32 deep")
			.isNotEmpty()
			.doesNotContain("parse");
		assertThat(parseReject(bytes("{\"n\": " + "[".repeat(32) + "]".repeat(32) + "}")).get("message").asText())
			.startsWith("the message is nested more than 32 levels deep");
	}

	private static List<String> rules(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		List<String> rules = new ArrayList<>();
		json(response).get("violations").forEach(v -> rules.add(v.get("rule").asText()));
		return rules;
	}

	@Test
	void refusesAKeyOfOneMegabyte() {
		JsonNode violation = parseReject(bytes("{\"" + "k".repeat(1_000_000) + "\": 1}"));
		assertThat(violation.get("message").asText()).startsWith("a field name in the message is longer than");
		assertThat(violation.get("detail").asText()).contains("Name length");
	}

	@Test
	void refusesALoneSurrogateEscape() {
		JsonNode violation = parseReject(bytes("{\"settings\": {\"title\": \"broken \\ud800 text\"}}"));
		assertThat(violation.get("pointer").asText()).isEqualTo("/settings/title");
	}

	@Test
	void refusesAnEmptyBody() {
		parseReject(new byte[0]);
	}

	@Test
	void judgesJsonNullByTheSchema() {
		HttpResponse<String> response = send("email-campaign", bytes("null"));
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(json(response).get("violations").get(0).get("rule").asText()).isEqualTo("schema:type");
	}

	@Test
	void carriesANullCharacterInsideAStringThrough() {
		briefsApproved();
		ObjectNode email = (ObjectNode) example("email-campaign", "01-good-campaign.json");
		((ObjectNode) email.get("settings")).put("title", "Spring\u0000Sale");
		HttpResponse<String> response = send("email-campaign", bytes(email));
		assertThat(response.statusCode()).isEqualTo(202);
		byte[] queued = jdbc.queryForObject("SELECT payload FROM outbox WHERE id = ?", byte[].class,
				json(response).get("id").asText());
		assertThat(new String(queued, StandardCharsets.UTF_8)).contains("Spring\\u0000Sale");
	}

	@Test
	void refusesACompressedBodyWithoutInflatingIt() {
		int before = rejects();
		HttpResponse<String> response = send("email-campaign", new byte[] { 0x1f, (byte) 0x8b, 8, 0 },
				Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(json(response).get("detail").asText()).contains("gzip");
		assertThat(rejects()).isEqualTo(before);
	}

	@Test
	void refusesAMissingContentType() {
		assertThat(send("email-campaign", bytes("{}"), Map.of()).statusCode()).isEqualTo(415);
	}

	@Test
	void refusesABodyShorterThanItsContentLength() throws IOException {
		int before = rejects();
		String answer = raw(
				"POST /edges/email-campaign HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Authorization: Bearer " + CAMPAIGN_BUILDER_TOKEN + "\r\n"
						+ "Content-Length: 100\r\nConnection: close\r\n\r\n{\"type\":",
				true);
		// Tomcat takes over the answer once the connection broke: the status is ours, the
		// body its error page
		assertThat(answer).startsWith("HTTP/1.1 400").contains("\"status\":400");
		assertThat(rejects()).isEqualTo(before);
	}

	@Test
	void cutsOffASenderThatGoesQuietMidBody() throws IOException {
		int before = rejects();
		String answer = raw(
				"POST /edges/email-campaign HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Authorization: Bearer " + CAMPAIGN_BUILDER_TOKEN + "\r\n"
						+ "Content-Length: 100\r\n\r\n{\"type\":",
				false);
		assertThat(answer).startsWith("HTTP/1.1 408").contains("\"status\":408");
		assertThat(rejects()).isEqualTo(before);
	}

	@Test
	void refusesAHeaderWithABareCarriageReturn() throws IOException {
		String answer = raw("POST /edges/email-campaign HTTP/1.1\r\nHost: localhost\r\nX-Evil: a\rInjected: b\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}", true);
		assertThat(answer).startsWith("HTTP/1.1 400");
	}

	/**
	 * Sends bytes as they are; closes our side after sending when asked, and reads the
	 * whole answer.
	 */
	private String raw(String request, boolean closeAfterSending) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			if (closeAfterSending) {
				socket.shutdownOutput();
			}
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
