package dev.handoff.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On H2 no value lives in the LOB store, which is written outside the transaction of the
 * row pointing at it: after a kill -9 an outbox row pointed at a BLOB that was never
 * written and every later read of the outbox failed.
 */
class SchemaTest {

	private static final String LOB_COLUMNS = "SELECT TABLE_NAME || '.' || COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
			+ "WHERE TABLE_SCHEMA = 'PUBLIC' AND DATA_TYPE IN ('BINARY LARGE OBJECT', 'CHARACTER LARGE OBJECT')";

	private final JdbcDataSource data = new JdbcDataSource();

	private final JdbcTemplate jdbc = new JdbcTemplate(data);

	SchemaTest() {
		data.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	@Test
	void aNewH2DatabaseHasNoLargeObjectColumns() {
		Schema.H2.configure(Flyway.configure().dataSource(data)).load().migrate();

		assertThat(jdbc.queryForList(LOB_COLUMNS, String.class)).isEmpty();
		assertThat(jdbc.queryForObject(
				"SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'OUTBOX' AND COLUMN_NAME = 'PAYLOAD'",
				String.class))
			.isEqualTo("BINARY VARYING");
	}

	@Test
	void anOlderH2DatabaseMovesItsLargeObjectsIntoTheRowsAndKeepsEveryByte() {
		Flyway.configure()
			.dataSource(data)
			.placeholders(Map.of("bytes", "BLOB", "text", "CLOB"))
			.target(MigrationVersion.fromVersion("13"))
			.load()
			.migrate();
		assertThat(jdbc.queryForList(LOB_COLUMNS, String.class)).as("before the upgrade").hasSize(12);
		byte[] payload = new byte[70_000];
		for (int i = 0; i < payload.length; i++) {
			payload[i] = (byte) i;
		}
		jdbc.update(
				"INSERT INTO outbox (id, edge, contract, contract_sha256, target, payload, message, status, attempts, next_attempt_at, created_at) "
						+ "VALUES ('d1', 'cms', 'cms', 'sha', 'http://cms', ?, NULL, 'pending', 0, ?, ?)",
				payload, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()));
		jdbc.update(
				"INSERT INTO truth_version (campaign, version, fields, message_id, recorded_at) VALUES ('c', 1, ?, 'm', ?)",
				"{\"landing_url\":\"https://example.com/ü\"}", Timestamp.from(Instant.now()));

		Schema.H2.configure(Flyway.configure().dataSource(data)).load().migrate();

		assertThat(jdbc.queryForList(LOB_COLUMNS, String.class)).as("after the upgrade").isEmpty();
		assertThat(jdbc.queryForObject("SELECT payload FROM outbox WHERE id = 'd1'", byte[].class)).isEqualTo(payload);
		assertThat(jdbc.queryForObject("SELECT fields FROM truth_version WHERE campaign = 'c'", String.class))
			.isEqualTo("{\"landing_url\":\"https://example.com/ü\"}");
		assertThatThrownBy(() -> jdbc.update("UPDATE outbox SET payload = NULL WHERE id = 'd1'"))
			.as("a required value stays required")
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThat(jdbc.queryForList(
				"SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" ORDER BY \"installed_rank\" DESC",
				String.class))
			.first()
			.isEqualTo("16");
	}

	@Test
	void anOlderDatabaseGetsTheNewestVersionEachEdgeDeliveredPerCampaign() {
		Schema.H2.configure(Flyway.configure().dataSource(data).target(MigrationVersion.fromVersion("14")))
			.load()
			.migrate();
		Timestamp earlier = Timestamp.from(Instant.parse("2026-11-01T10:00:00Z"));
		Timestamp later = Timestamp.from(Instant.parse("2026-11-02T10:00:00Z"));
		delivered("v1", "email-campaign", "C-1", 1L, "delivered", later);
		delivered("v2", "email-campaign", "C-1", 2L, "delivered", earlier);
		delivered("v3", "email-campaign", "C-1", 3L, "pending", null);
		delivered("t1", "tracking-event", "C-1", null, "delivered", later);

		Schema.H2.configure(Flyway.configure().dataSource(data)).load().migrate();

		assertThat(jdbc.queryForList("SELECT edge, campaign, version, delivered_at FROM delivered_version"))
			.singleElement()
			.satisfies(row -> {
				assertThat(row.get("EDGE")).isEqualTo("email-campaign");
				assertThat(row.get("CAMPAIGN")).isEqualTo("C-1");
				assertThat(((Number) row.get("VERSION")).longValue()).as("the newest delivered, not the pending one")
					.isEqualTo(2L);
			});
	}

	private void delivered(String id, String edge, String campaign, Long version, String status, Timestamp at) {
		jdbc.update(
				"INSERT INTO outbox (id, edge, contract, contract_sha256, campaign, version, target, payload, status, attempts, "
						+ "next_attempt_at, created_at, delivered_at) VALUES (?, ?, ?, 'sha', ?, ?, 'http://tool', ?, ?, 1, ?, ?, ?)",
				id, edge, edge, campaign, version, new byte[] { '{', '}' }, status, Timestamp.from(Instant.now()),
				Timestamp.from(Instant.now()), at);
	}

	@Test
	void postgresReadsOnlyTheSharedMigrations() {
		assertThat(Schema.POSTGRES.configure(Flyway.configure()).getLocations()).extracting(Location::getDescriptor)
			.containsExactly("classpath:db/migration");
		assertThat(Schema.H2.configure(Flyway.configure()).getLocations()).extracting(Location::getDescriptor)
			.containsExactlyInAnyOrder("classpath:db/migration", "classpath:db/h2");
	}

}
