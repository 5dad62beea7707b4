package dev.handoff.storage;

import dev.handoff.edge.ShippedExamplesEndToEndTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every shipped example, end to end, on PostgreSQL: the same migrations, the same
 * answers, the same bytes stored.
 */
class ShippedExamplesOnPostgresTest extends ShippedExamplesEndToEndTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
