package dev.handoff.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.handoff.access.AccessPropertiesProbe;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so the compose stack is checked as far as it can be without
 * one: the files it mounts exist, and the token it configures is the one it documents.
 */
class ComposeFileTest {

	@SuppressWarnings("unchecked")
	static Map<String, Object> services() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Object>) compose.get("services");
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> service(String name) throws IOException {
		return (Map<String, Object>) services().get(name);
	}

	@Test
	@SuppressWarnings("unchecked")
	void mountsFilesThatExist() throws IOException {
		for (String name : services().keySet()) {
			for (Object volume : (List<Object>) service(name).getOrDefault("volumes", List.of())) {
				String source = volume.toString().split(":")[0];
				// a path is a file of this repository; a bare name is a named volume
				// Docker creates
				if (source.startsWith(".") || source.startsWith("/")) {
					assertThat(Path.of(source)).as(name + " mounts " + source).exists();
				}
			}
		}
		assertThat(services()).containsKeys("wiremock", "handoff", "prometheus", "grafana");
		assertThat(Path.of("Dockerfile")).exists();
	}

	@Test
	@SuppressWarnings("unchecked")
	void setsOnlyVariablesTheApplicationReads() throws IOException {
		Map<String, Object> environment = (Map<String, Object>) service("handoff").get("environment");
		String configuration = Files.readString(Path.of("src/main/resources/application.yaml"));
		List<String> keys = new java.util.ArrayList<>();
		flatten("", new Yaml().load(configuration), keys);
		for (String variable : environment.keySet()) {
			assertThat(read(variable, configuration, keys)).as(variable + " is read by the application").isTrue();
		}
		assertThat(read("HANDOFF_NOT_A_SETTING", configuration, keys)).as("the check can fail").isFalse();
		assertThat((List<Object>) service("handoff").get("ports")).containsExactly("8080:8080");
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("WORKDIR /app")
			.contains("USER handoff")
			.contains("HEALTHCHECK");
		assertThat((List<Object>) service("handoff").get("volumes")).containsExactly("./contracts:/app/contracts:ro",
				"./routes:/app/routes:ro");
	}

	/**
	 * Read as a placeholder, or bound by relaxed binding to a setting at least three
	 * levels deep (handoff.x.y).
	 */
	private static boolean read(String variable, String configuration, List<String> keys) {
		String relaxed = variable.toLowerCase(java.util.Locale.ROOT).replaceAll("_[0-9]+_", "_").replace("_", "");
		boolean placeholder = configuration.contains("${" + variable + ":")
				|| configuration.contains("${" + variable + "}");
		return placeholder || keys.stream()
			.filter(k -> k.chars().filter(c -> c == '.').count() >= 2)
			.map(k -> k.replace(".", "").replace("-", ""))
			.anyMatch(relaxed::startsWith);
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Object node, List<String> keys) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((k, v) -> {
				String key = prefix.isEmpty() ? k.toString() : prefix + "." + k;
				keys.add(key);
				flatten(key, v, keys);
			});
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void configuresTheTokenItDocuments() throws IOException {
		Map<String, Object> environment = (Map<String, Object>) service("handoff").get("environment");
		assertThat(environment.get("HANDOFF_ACCESS_TOKENS_0_SHA256"))
			.isEqualTo(AccessPropertiesProbe.sha256("compose-admin-token"));
		assertThat(environment.get("HANDOFF_DELIVERY_PRIVATE_TARGETS")).isEqualTo("allow");
	}

}
