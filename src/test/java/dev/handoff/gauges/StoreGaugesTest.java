package dev.handoff.gauges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.storage.Schema;
import dev.handoff.metrics.MetricsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database-backed gauges, on the real schema in an in-memory H2 and a plain meter
 * registry.
 */
class StoreGaugesTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final EdgeRegistry edges = mock(EdgeRegistry.class);

	private JdbcTemplate jdbc;

	@BeforeEach
	void freshDatabase() {
		JdbcDataSource data = new JdbcDataSource();
		data.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Schema.H2.configure(Flyway.configure().dataSource(data)).load().migrate();
		jdbc = new JdbcTemplate(data);
		routes("email-campaign", "tracking-event");
	}

	private StoreGauges gauges(boolean campaignTags) {
		return new StoreGauges(jdbc, edges, meters, new MetricsProperties(Duration.ofSeconds(10), campaignTags));
	}

	@Test
	void givesEveryDeclaredEdgeARowOfZeroWhenNothingWaits() {
		gauges(false).refresh();
		assertThat(values("handoff.outbox.depth")).isEqualTo(Map.of("email-campaign", 0.0, "tracking-event", 0.0));
		assertThat(values("handoff.outbox.oldest.age")).isEqualTo(Map.of("email-campaign", 0.0, "tracking-event", 0.0));
		assertThat(values("handoff.rejects.open")).isEqualTo(Map.of("email-campaign", 0.0, "tracking-event", 0.0));
		assertThat(meters.get("handoff.truth.campaigns").gauge().value()).isZero();
	}

	@Test
	void countsWhatWaitsAndHowLongTheOldestHasWaited() {
		outbox("email-campaign", "pending", Duration.ofMinutes(5));
		outbox("email-campaign", "pending", Duration.ofMinutes(1));
		outbox("email-campaign", "delivered", Duration.ofHours(1));
		reject("tracking-event", "open", Duration.ofHours(2));
		reject("tracking-event", "discarded", Duration.ofHours(3));
		gauges(false).refresh();
		assertThat(values("handoff.outbox.depth")).isEqualTo(Map.of("email-campaign", 2.0, "tracking-event", 0.0));
		assertThat(values("handoff.outbox.oldest.age").get("email-campaign")).isBetween(300.0, 310.0);
		assertThat(values("handoff.rejects.open")).isEqualTo(Map.of("email-campaign", 0.0, "tracking-event", 1.0));
		assertThat(values("handoff.rejects.open.oldest.age").get("tracking-event")).isBetween(7200.0, 7210.0);
	}

	@Test
	void readsTheDatabaseOnRefreshOnlyNeverOnAScrape() {
		StoreGauges gauges = gauges(false);
		gauges.refresh();
		outbox("email-campaign", "pending", Duration.ZERO);
		assertThat(values("handoff.outbox.depth").get("email-campaign")).as("before the next refresh").isZero();
		gauges.refresh();
		assertThat(values("handoff.outbox.depth").get("email-campaign")).isEqualTo(1.0);
	}

	@Test
	void keepsAnEdgeThatLeftTheRoutesWhileSomethingOfItWaitsThenDropsIt() {
		StoreGauges gauges = gauges(false);
		reject("cms-landing-page", "open", Duration.ofMinutes(1));
		gauges.refresh();
		assertThat(values("handoff.rejects.open")).containsEntry("cms-landing-page", 1.0);
		routes("email-campaign");
		gauges.refresh();
		assertThat(values("handoff.rejects.open")).containsOnlyKeys("email-campaign", "cms-landing-page");
		jdbc.update("UPDATE reject SET status = 'discarded'");
		gauges.refresh();
		assertThat(values("handoff.rejects.open")).containsOnlyKeys("email-campaign");
		assertThat(values("handoff.outbox.depth")).containsOnlyKeys("email-campaign");
	}

	@Test
	void keepsTheLastCountsWhileTheDatabaseCannotBeReached() {
		StoreGauges gauges = gauges(false);
		outbox("email-campaign", "pending", Duration.ZERO);
		gauges.refresh();
		jdbc.execute("DROP TABLE delivery_attempt");
		jdbc.execute("DROP TABLE outbox");
		gauges.refresh();
		assertThat(values("handoff.outbox.depth").get("email-campaign")).isEqualTo(1.0);
	}

	@Nested
	class Truth {

		@Test
		void countsCampaignsWithoutNamingThemByDefault() {
			truth("C-1001", 1);
			truth("C-1001", 2);
			truth("C-2002", 1);
			gauges(false).refresh();
			assertThat(meters.get("handoff.truth.campaigns").gauge().value()).isEqualTo(2.0);
			assertThat(meters.find("handoff.truth.version").gauges()).isEmpty();
		}

		@Test
		void namesEachCampaignWithItsCurrentVersionWhenAskedTo() {
			truth("C-1001", 1);
			truth("C-1001", 2);
			gauges(true).refresh();
			assertThat(meters.get("handoff.truth.version").tag("campaign", "C-1001").gauge().value()).isEqualTo(2.0);
		}

	}

	private void routes(String... names) {
		when(edges.all())
			.thenReturn(Arrays.stream(names).map(n -> new Edge(n, n, null, "routes/" + n + ".yaml", false)).toList());
	}

	private Map<String, Double> values(String gauge) {
		return meters.find(gauge)
			.gauges()
			.stream()
			.collect(Collectors.toMap(g -> g.getId().getTag("edge"), Gauge::value));
	}

	private void outbox(String edge, String status, Duration age) {
		jdbc.update(
				"INSERT INTO outbox (id, edge, contract, contract_sha256, target, payload, status, attempts, next_attempt_at, created_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
				UUID.randomUUID().toString(), edge, edge, "0".repeat(64), "http://tool.example/",
				new byte[] { '{', '}' }, status, ago(Duration.ZERO), ago(age));
	}

	private void reject(String edge, String status, Duration age) {
		jdbc.update(
				"INSERT INTO reject (id, edge, contract, contract_sha256, payload, payload_size, violations, status, received_at) "
						+ "VALUES (?, ?, ?, ?, ?, 2, '[]', ?, ?)",
				UUID.randomUUID().toString(), edge, edge, "0".repeat(64), new byte[] { '{', '}' }, status, ago(age));
	}

	private void truth(String campaign, long version) {
		jdbc.update(
				"INSERT INTO truth_version (campaign, version, fields, message_id, recorded_at) VALUES (?, ?, '{}', ?, ?)",
				campaign, version, UUID.randomUUID().toString(), ago(Duration.ZERO));
	}

	private static Timestamp ago(Duration age) {
		return Timestamp.from(Instant.now().minus(age));
	}

}
