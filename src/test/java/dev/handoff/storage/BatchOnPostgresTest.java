package dev.handoff.storage;

import dev.handoff.edge.BatchTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link BatchTest} again, unchanged, on PostgreSQL instead of H2: same tests, two
 * databases.
 */
class BatchOnPostgresTest extends BatchTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
