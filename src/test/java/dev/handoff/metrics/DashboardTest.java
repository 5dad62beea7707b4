package dev.handoff.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.EdgeTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Grafana runs here, so the dashboard is checked against what it would meet: every
 * PromQL expression names only metrics and labels the running service exports, and
 * Grafana in the compose stack would find the dashboard and the datasource it points at.
 */
@AutoConfigureObservability
class DashboardTest extends EdgeTestSupport {

	private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/handoff.json");

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");

	private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Pattern LABEL_VALUES = Pattern
		.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
			"ignoring", "group_left", "group_right");

	@DynamicPropertySource
	static void gaugesRefreshedOften(DynamicPropertyRegistry registry) {
		registry.add("handoff.metrics.refresh", () -> "200ms");
	}

	@Test
	void queriesOnlyMetricsAndLabelsTheServiceExports() throws IOException {
		Scrape scrape = scrapeAfterEveryKindOfEvent();
		List<String> expressions = expressions(JSON.readTree(DASHBOARD.toFile()));
		Set<String> queried = new TreeSet<>();
		for (String expression : expressions) {
			Set<String> names = metricNames(expression);
			queried.addAll(names);
			assertThat(scrape.names()).as("metrics of " + expression).containsAll(names);
			Matcher selector = SELECTOR.matcher(expression);
			while (selector.find()) {
				Set<String> labels = labels(scrape, Set.of(selector.group(1)));
				Matcher matcher = MATCHER.matcher(selector.group(2));
				while (matcher.find()) {
					assertThat(labels).as("labels of " + selector.group(1) + " in " + expression)
						.contains(matcher.group(1));
				}
			}
			Matcher grouping = GROUPING.matcher(expression);
			while (grouping.find()) {
				for (String label : grouping.group(1).split(",")) {
					assertThat(labels(scrape, names)).as("grouping labels in " + expression).contains(label.trim());
				}
			}
		}
		// the check is not vacuous: it read the expressions, and the dashboard shows
		// every metric family of the service
		assertThat(queried).contains("handoff_messages_total", "handoff_violations_total",
				"handoff_guard_seconds_bucket", "handoff_delivery_seconds_count", "handoff_delivery_seconds_bucket",
				"handoff_outbox_depth", "handoff_outbox_oldest_age_seconds", "handoff_rejects_open",
				"handoff_rejects_open_oldest_age_seconds", "handoff_replays_total", "handoff_discards_total",
				"handoff_truth_versions_total", "handoff_truth_campaigns");
		assertThat(metricNames(
				"sum by (edge) (rate(handoff_nothing_total{edge=~\"$edge\"}[$__rate_interval])) / max(other)"))
			.as("the name reader itself")
			.containsExactlyInAnyOrder("handoff_nothing_total", "other");
	}

	@Test
	void pointsEveryPanelAtThePrometheusGrafanaIsProvisionedWith() throws IOException {
		JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
		assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(39);
		Map<String, Object> datasources = yaml(Path.of("docker/grafana/provisioning/datasources/prometheus.yml"));
		@SuppressWarnings("unchecked")
		Map<String, Object> prometheus = ((List<Map<String, Object>>) datasources.get("datasources")).get(0);
		assertThat(prometheus).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
		JsonNode variable = null;
		for (JsonNode v : dashboard.at("/templating/list")) {
			if (v.get("name").asText().equals("DS_PROMETHEUS")) {
				variable = v;
			}
		}
		assertThat(variable).as("a datasource variable DS_PROMETHEUS").isNotNull();
		assertThat(variable.get("type").asText()).isEqualTo("datasource");
		assertThat(variable.at("/current/value").asText()).isEqualTo(prometheus.get("uid"));
		List<JsonNode> panels = new ArrayList<>();
		dashboard.get("panels").forEach(panel -> {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		});
		for (JsonNode panel : panels) {
			if (!panel.get("type").asText().equals("row")) {
				assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText())
					.isEqualTo("${DS_PROMETHEUS}");
				panel.get("targets")
					.forEach(t -> assertThat(t.at("/datasource/uid").asText()).isEqualTo("${DS_PROMETHEUS}"));
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void isWhereGrafanaInTheComposeStackLooksForIt() throws IOException {
		Map<String, Object> grafana = (Map<String, Object>) ((Map<String, Object>) yaml(Path.of("docker-compose.yml"))
			.get("services")).get("grafana");
		assertThat((List<Object>) grafana.get("ports")).containsExactly("3000:3000");
		Map<String, Object> environment = (Map<String, Object>) grafana.get("environment");
		assertThat(environment).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
			.containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
		Map<String, String> mounts = new java.util.HashMap<>();
		for (Object volume : (List<Object>) grafana.get("volumes")) {
			String[] parts = volume.toString().split(":");
			mounts.put(Path.of(parts[0]).normalize().toString(), parts[1]);
		}
		assertThat(mounts)
			.containsEntry("docker/grafana/provisioning/datasources", "/etc/grafana/provisioning/datasources")
			.containsEntry("docker/grafana/provisioning/dashboards", "/etc/grafana/provisioning/dashboards");
		String dashboards = mounts.get(DASHBOARD.getParent().toString());
		assertThat(dashboards).as("the dashboards folder is mounted").isNotNull();
		Map<String, Object> providers = yaml(Path.of("docker/grafana/provisioning/dashboards/handoff.yml"));
		Map<String, Object> provider = ((List<Map<String, Object>>) providers.get("providers")).get(0);
		assertThat(((Map<String, Object>) provider.get("options")).get("path")).isEqualTo(dashboards);
		assertThat(environment.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
			.isEqualTo(dashboards + "/" + DASHBOARD.getFileName());
	}

	/**
	 * A brief, a delivered message, a rejected one replayed with a fix, one discarded: so
	 * that every meter exists.
	 */
	private Scrape scrapeAfterEveryKindOfEvent() {
		briefsApproved();
		send("email-campaign", bytes(example("email-campaign", "01-good-campaign.json")));
		String typed = json(send("email-campaign", bytes(example("email-campaign", "02-typed-utm-campaign.json"))))
			.get("id")
			.asText();
		String stale = json(
				send("email-campaign", bytes(example("email-campaign", "03-built-from-the-old-brief.json"))))
			.get("id")
			.asText();
		assertThat(postApi("/api/rejects/" + typed + "/replay", "test-operator-token", "application/json-patch+json",
				"[{\"op\":\"remove\",\"path\":\"/tracking/google_analytics\"}]")
			.statusCode()).isEqualTo(200);
		assertThat(postApi("/api/rejects/" + stale + "/discard", "test-operator-token",
				"{\"reason\":\"rebuilt on version 2\"}")
			.statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			Scrape scrape = scrape();
			return scrape.count("handoff_delivery_seconds_count", "edge", "email-campaign", "outcome", "delivered") == 2
					&& scrape.names().contains("handoff_outbox_depth")
					&& scrape.names().contains("handoff_truth_campaigns");
		});
		return scrape();
	}

	private Scrape scrape() {
		HttpResponse<String> response = get("/actuator/prometheus", null);
		assertThat(response.statusCode()).isEqualTo(200);
		return Scrape.parse(response.body());
	}

	/**
	 * Every PromQL expression of the dashboard: panel targets (rows included) and the
	 * query of each query variable.
	 */
	private static List<String> expressions(JsonNode dashboard) {
		List<String> expressions = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			List<JsonNode> all = new ArrayList<>(List.of(panel));
			panel.path("panels").forEach(all::add);
			for (JsonNode one : all) {
				one.path("targets").forEach(t -> expressions.add(t.get("expr").asText()));
			}
		}
		for (JsonNode variable : dashboard.at("/templating/list")) {
			if (variable.get("type").asText().equals("query")) {
				Matcher values = LABEL_VALUES.matcher(variable.at("/query/query").asText());
				assertThat(values.matches()).as(variable.get("name").asText() + " uses label_values(metric, label)")
					.isTrue();
				// as a selector, so the label is checked like any matcher
				expressions.add(values.group(1) + "{" + values.group(2) + "=~\".*\"}");
			}
		}
		return expressions;
	}

	/**
	 * The metric names in an expression: identifiers that are not functions, keywords,
	 * labels, ranges or Grafana variables.
	 */
	static Set<String> metricNames(String expression) {
		String bare = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^\\]]*\\]", " ")
			.replaceAll("\\$\\{?\\w+}?", " ");
		bare = GROUPING.matcher(bare).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(bare);
		while (identifier.find()) {
			String rest = bare.substring(identifier.end()).stripLeading();
			boolean function = rest.startsWith("(");
			boolean number = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
			if (!function && !number && !KEYWORDS.contains(identifier.group())) {
				names.add(identifier.group());
			}
		}
		return names;
	}

	private static Set<String> labels(Scrape scrape, Set<String> metrics) {
		Set<String> labels = new TreeSet<>();
		metrics.forEach(metric -> scrape.series(metric).keySet().forEach(l -> labels.addAll(l.keySet())));
		return labels;
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
	}

}
