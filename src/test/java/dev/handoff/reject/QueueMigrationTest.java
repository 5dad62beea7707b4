package dev.handoff.reject;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.storage.Schema;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A queue stored before V10 keeps its filters and causes after the upgrade: violations
 * and cause counts are filled in.
 */
class QueueMigrationTest {

	@Test
	void anUpgradedQueueFiltersAndCountsAsBefore() {
		JdbcDataSource data = new JdbcDataSource();
		data.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		// a database made before H2 kept large values in its rows
		Flyway.configure()
			.dataSource(data)
			.placeholders(Map.of("bytes", "BLOB", "text", "CLOB"))
			.target(MigrationVersion.fromVersion("9"))
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(data);
		oldReject(jdbc, 1, "a", "email", "open", "2026-11-01T10:00:00Z", "must-match", "/landing_url");
		oldReject(jdbc, 2, "b", "email", "discarded", "2026-11-02T10:00:00Z", "must-match", "/landing_url");
		oldReject(jdbc, 3, "c", "tracking", "open", "2026-11-03T10:00:00Z", "link-utm", "/properties/url");
		// a person had acknowledged this cause before the upgrade
		jdbc.update(
				"INSERT INTO cause_state (edge, rule, pointer, state, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?)",
				"email", "must-match", "/landing_url", "acknowledged",
				Timestamp.from(Instant.parse("2026-11-02T12:00:00Z")), "ann");

		Schema.H2.configure(Flyway.configure().dataSource(data)).load().migrate();

		RejectStore store = new RejectStore(jdbc, new ObjectMapper(),
				new CauseTally(jdbc, new JdbcTransactionManager(data)));
		CauseStore causes = new CauseStore(jdbc, new ObjectMapper());
		assertThat(store.list(new RejectFilter("email", Reject.Status.OPEN, "must-match", null), 0, 10).items())
			.extracting(Reject::id)
			.containsExactly("a");
		assertThat(store.list(new RejectFilter(null, Reject.Status.DISCARDED, "must-match", null), 0, 10).items())
			.extracting(Reject::id)
			.containsExactly("b");
		List<Cause> all = causes.list(null, null);
		assertThat(all).extracting(Cause::id, Cause::count, Cause::open, Cause::state)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(new Cause.Key("tracking", "link-utm", "/properties/url").id(),
							1L, 1L, "open"),
					org.assertj.core.groups.Tuple.tuple(new Cause.Key("email", "must-match", "/landing_url").id(), 2L,
							1L, "acknowledged"));
		Cause email = all.get(1);
		assertThat(email.firstSeen()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
		assertThat(email.lastSeen()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
		assertThat(email.example()).isEqualTo("b");
		assertThat(email.stateChangedBy()).isEqualTo("ann");
	}

	private static void oldReject(JdbcTemplate jdbc, long seq, String id, String edge, String status, String at,
			String rule, String pointer) {
		jdbc.update(
				"INSERT INTO reject (seq, id, edge, contract, contract_sha256, payload, payload_size, violations, status, received_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?, 2, ?, ?, ?)",
				seq, id, edge, edge, "0".repeat(64), "{}".getBytes(),
				"[{\"pointer\":\"" + pointer + "\",\"rule\":\"" + rule
						+ "\",\"message\":\"m\",\"expected\":null,\"actual\":null}]",
				status, Timestamp.from(Instant.parse(at)));
		jdbc.update("INSERT INTO reject_violation (reject_seq, position, rule, pointer) VALUES (?, 0, ?, ?)", seq, rule,
				pointer);
	}

}
