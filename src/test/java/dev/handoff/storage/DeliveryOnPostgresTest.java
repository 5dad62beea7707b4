package dev.handoff.storage;

import dev.handoff.delivery.DeliveryTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link DeliveryTest} again, unchanged, on PostgreSQL instead of H2: same tests, two
 * databases.
 */
class DeliveryOnPostgresTest extends DeliveryTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
