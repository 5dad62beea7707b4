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
 * No Docker engine runs here, so the compose stack is checked as far as it can be without one: the files it
 * mounts exist, and the token it configures is the one it documents.
 */
class ComposeFileTest {

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void mountsFilesThatExist() throws IOException {
		for (String name : List.of("wiremock", "handoff", "prometheus")) {
			for (Object volume : (List<Object>) service(name).getOrDefault("volumes", List.of())) {
				String source = volume.toString().split(":")[0];
				assertThat(Path.of(source)).as(name + " mounts " + source).exists();
			}
		}
		assertThat(Path.of("Dockerfile")).exists();
	}

	@Test
	@SuppressWarnings("unchecked")
	void configuresTheTokenItDocuments() throws IOException {
		Map<String, Object> environment = (Map<String, Object>) service("handoff").get("environment");
		assertThat(environment.get("HANDOFF_ACCESS_TOKENS_0_SHA256")).isEqualTo(AccessPropertiesProbe.sha256("compose-admin-token"));
		assertThat(environment.get("HANDOFF_DELIVERY_PRIVATE_TARGETS")).isEqualTo("allow");
	}
}
