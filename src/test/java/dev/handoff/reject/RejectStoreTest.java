package dev.handoff.reject;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.guard.Violation;
import dev.handoff.storage.Schema;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The queue's selections on the real schema: rule filters read the violations, which
 * follow their reject's status.
 */
class RejectStoreTest {

	private RejectStore store;

	private JdbcTemplate jdbc;

	private CauseStore causes;

	@BeforeEach
	void freshDatabase() {
		JdbcDataSource data = new JdbcDataSource();
		data.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Schema.H2.configure(Flyway.configure().dataSource(data)).load().migrate();
		jdbc = new JdbcTemplate(data);
		store = new RejectStore(jdbc, new ObjectMapper(), new CauseTally(jdbc, new JdbcTransactionManager(data)));
		causes = new CauseStore(jdbc, new ObjectMapper());
	}

	private void reject(String id, String edge, String campaign, int minute, String... rulesAndPointers) {
		List<Violation> violations = new ArrayList<>();
		for (int i = 0; i < rulesAndPointers.length; i += 2) {
			violations.add(new Violation(rulesAndPointers[i + 1], rulesAndPointers[i], "broke " + rulesAndPointers[i],
					null, null));
		}
		store.insert(new Reject(id, edge, edge, "0".repeat(64), campaign, "{}".getBytes(StandardCharsets.UTF_8), null,
				"application/json", violations, Reject.Status.OPEN,
				Instant.parse("2026-11-01T10:00:00Z").plusSeconds(60L * minute), null, null, null));
	}

	private List<String> ids(RejectFilter filter, int page, int size) {
		return store.list(filter, page, size).items().stream().map(Reject::id).toList();
	}

	@Test
	void aRejectWithTwoViolationsOfTheRuleIsListedAndCountedOnce() {
		reject("a", "email", "C-1", 1, "schema:required", "/utm/source", "schema:required", "/utm/medium");
		reject("b", "email", "C-2", 2, "must-match", "/landing_url");
		reject("c", "email", "C-1", 3, "schema:required", "/utm/source");
		reject("d", "tracking", "C-1", 4, "schema:required", "/utm/source");

		RejectStore.Page page = store.list(new RejectFilter("email", null, "schema:required", null), 0, 10);
		assertThat(page.total()).isEqualTo(2);
		assertThat(page.items()).extracting(Reject::id).containsExactly("c", "a");
		assertThat(ids(new RejectFilter(null, null, "schema:required", null), 0, 10)).containsExactly("d", "c", "a");
		assertThat(ids(new RejectFilter(null, null, "schema:required", "C-2"), 0, 10)).isEmpty();
		assertThat(ids(new RejectFilter("email", null, "schema:required", null, null, null,
				Instant.parse("2026-11-01T10:03:00Z")), 0, 10))
			.containsExactly("a");
		assertThat(ids(RejectFilter.of(new Cause.Key("email", "schema:required", "/utm/medium")), 0, 10))
			.containsExactly("a");
	}

	@Test
	void pagesNewestFirstWithAndWithoutARule() {
		for (int i = 0; i < 7; i++) {
			reject("r" + i, "email", "C-1", i, "must-match", "/landing_url");
		}
		assertThat(ids(new RejectFilter("email", null, null, null), 1, 3)).containsExactly("r3", "r2", "r1");
		assertThat(ids(new RejectFilter("email", null, "must-match", null), 2, 3)).containsExactly("r0");
		assertThat(store.list(new RejectFilter("email", null, "must-match", null), 2, 3).total()).isEqualTo(7);
		assertThat(store.ids(new RejectFilter("email", null, "must-match", null), 4)).containsExactly("r0", "r1", "r2",
				"r3");
		assertThat(store.ids(new RejectFilter("email", null, null, null), 2)).containsExactly("r0", "r1");
	}

	@Test
	void aRuleFilterAndTheCausesSeeTheStatusARejectHasNow() {
		reject("a", "email", "C-1", 1, "must-match", "/landing_url");
		reject("b", "email", "C-1", 2, "must-match", "/landing_url");
		reject("c", "email", "C-1", 3, "must-match", "/landing_url");
		assertThat(store.markDiscarded("a")).isTrue();
		assertThat(store.markReplayed("b", "delivery-1")).isTrue();
		assertThat(store.markDiscarded("b")).as("no longer open").isFalse();

		assertThat(ids(new RejectFilter("email", Reject.Status.OPEN, "must-match", null), 0, 10)).containsExactly("c");
		assertThat(ids(new RejectFilter("email", Reject.Status.DISCARDED, "must-match", null), 0, 10))
			.containsExactly("a");
		assertThat(ids(new RejectFilter(null, Reject.Status.REPLAYED, "must-match", null), 0, 10)).containsExactly("b");
		assertThat(store.list(new RejectFilter(null, Reject.Status.OPEN, "must-match", null), 0, 10).total())
			.isEqualTo(1);
		Cause.Key key = new Cause.Key("email", "must-match", "/landing_url");
		Cause cause = causes.find(key).orElseThrow();
		assertThat(cause.count()).isEqualTo(3);
		assertThat(cause.open()).isEqualTo(1);
		assertThat(cause.firstSeen()).isEqualTo(Instant.parse("2026-11-01T10:01:00Z"));
		assertThat(cause.lastSeen()).isEqualTo(Instant.parse("2026-11-01T10:03:00Z"));
		assertThat(causes.openCount(key)).isEqualTo(1);
	}

	@Test
	void countsUpToTheLimitAndSaysWhenMoreMatch() {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < RejectStore.COUNT_LIMIT + 5; i++) {
			rows.add(new Object[] { "r" + i, i % 2 == 0 ? "email" : "tracking" });
		}
		jdbc.batchUpdate(
				"INSERT INTO reject (id, edge, contract, contract_sha256, payload, payload_size, violations, status, received_at) "
						+ "VALUES (?, ?, 'c', '" + "0".repeat(64) + "', X'7b7d', 2, '[]', 'open', CURRENT_TIMESTAMP)",
				rows);

		RejectStore.Page all = store.list(new RejectFilter(null, Reject.Status.OPEN, null, null), 0, 50);
		assertThat(all.total()).isEqualTo(RejectStore.COUNT_LIMIT);
		assertThat(all.totalExact()).isFalse();
		assertThat(all.items()).hasSize(50)
			.first()
			.extracting(Reject::id)
			.isEqualTo("r" + (RejectStore.COUNT_LIMIT + 4));
		RejectStore.Page email = store.list(new RejectFilter("email", Reject.Status.OPEN, null, null), 0, 50);
		assertThat(email.total()).isEqualTo(RejectStore.COUNT_LIMIT / 2 + 3);
		assertThat(email.totalExact()).isTrue();
	}

}
