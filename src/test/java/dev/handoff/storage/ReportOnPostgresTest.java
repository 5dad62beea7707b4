package dev.handoff.storage;

import dev.handoff.report.ReportTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link ReportTest} again, unchanged, on PostgreSQL instead of H2: the report's GROUP BY
 * queries on both databases.
 */
class ReportOnPostgresTest extends ReportTest {

	@DynamicPropertySource
	static void onPostgres(DynamicPropertyRegistry registry) {
		Postgres.use(registry);
	}

}
