package dev.handoff.storage;

import dev.handoff.edge.HostileInputTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link HostileInputTest} again, unchanged, on PostgreSQL instead of H2: same tests, two
 * databases.
 */
class HostileInputOnPostgresTest extends HostileInputTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
