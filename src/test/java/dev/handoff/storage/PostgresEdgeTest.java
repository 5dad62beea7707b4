package dev.handoff.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.Map;

import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What differs between databases holds on PostgreSQL: raw bytes in bytea, races on keys,
 * the database it runs on.
 */
class PostgresEdgeTest extends EdgeTestSupport {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

	@Test
	void runsOnPostgres() {
		assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
		assertThat(jdbc.queryForObject(
				"SELECT data_type FROM information_schema.columns WHERE table_name = 'reject' AND column_name = 'payload'",
				String.class))
			.isEqualTo("bytea");
	}

	@Test
	void storesNulAndInvalidUtf8ByteForByte() {
		byte[] body = { '{', '"', 'a', '"', ':', '"', 0, (byte) 0xff, (byte) 0xc3, '"', '}' };
		HttpResponse<String> response = send("email-campaign", body);
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(storedPayload(json(response).get("id").asText())).isEqualTo(body);
	}

	@Test
	void storesOnceWhenRetriesWithOneKeyRace() {
		briefsApproved();
		byte[] good = bytes(example("email-campaign", "01-good-campaign.json"));
		List<HttpResponse<String>> answers = IntStream.range(0, 8)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> send("email-campaign", good,
					Map.of("Content-Type", "application/json", "Idempotency-Key", "pg-race"))))
			.toList()
			.stream()
			.map(CompletableFuture::join)
			.toList();
		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
		assertThat(answers).extracting(r -> json(r).get("id").asText())
			.containsOnly(json(answers.get(0)).get("id").asText());
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE id = ?", Integer.class,
				json(answers.get(0)).get("id").asText()))
			.isEqualTo(1);
	}

}
