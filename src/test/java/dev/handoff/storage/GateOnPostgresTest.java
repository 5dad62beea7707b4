package dev.handoff.storage;

import dev.handoff.gate.GateTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link GateTest} again, unchanged, on PostgreSQL instead of H2: held rows, conditional
 * decisions and racing approvers.
 */
class GateOnPostgresTest extends GateTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
