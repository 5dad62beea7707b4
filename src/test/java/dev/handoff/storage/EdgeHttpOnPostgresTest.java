package dev.handoff.storage;

import dev.handoff.edge.EdgeHttpTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link EdgeHttpTest} again, unchanged, on PostgreSQL instead of H2: same tests, two
 * databases.
 */
class EdgeHttpOnPostgresTest extends EdgeHttpTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
