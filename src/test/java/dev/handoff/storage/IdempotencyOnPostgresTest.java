package dev.handoff.storage;

import dev.handoff.edge.IdempotencyTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link IdempotencyTest} again, unchanged, on PostgreSQL instead of H2: same tests, two
 * databases.
 */
class IdempotencyOnPostgresTest extends IdempotencyTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
