package dev.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.handoff.delivery.DeliveryProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The README and the pages under docs/ hold together: every relative link reaches a file
 * that exists (and, with a {@code #}, a heading of that page), the README stays a short
 * first page whose test command is the one CI runs, and the relaxed-binding example of
 * docs/operations.md names a setting that binds.
 */
class DocsLinksTest {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");

	@Test
	void everyRelativeLinkReachesAFileAndHeadingThatExist() throws IOException {
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path page : pages()) {
			Matcher links = LINK.matcher(FENCE.matcher(Files.readString(page)).replaceAll(""));
			while (links.find()) {
				String link = links.group(1);
				if (link.matches("[a-z]+:.*")) {
					continue;
				}
				checked++;
				int hash = link.indexOf('#');
				String file = hash < 0 ? link : link.substring(0, hash);
				Path target = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
				if (!Files.exists(target)) {
					broken.add(page + ": " + link + " (no file " + target + ")");
				}
				else if (hash >= 0 && target.toString().endsWith(".md")
						&& !anchors(Files.readString(target)).contains(link.substring(hash + 1))) {
					broken.add(page + ": " + link + " (no such heading in " + target + ")");
				}
			}
		}
		assertThat(broken).isEmpty();
		assertThat(checked).as("links checked").isGreaterThan(30);
	}

	@Test
	void theReadmeIsAShortFirstPage() throws IOException {
		assertThat(Files.readAllLines(Path.of("README.md"))).hasSizeLessThanOrEqualTo(260);
	}

	@Test
	void theReadmesTestCommandIsTheOneCiRuns() throws IOException {
		assertThat(Files.readAllLines(Path.of(".ci/run"))).contains("./mvnw -B -ntp verify");
		assertThat(Files.readString(Path.of("README.md"))).contains("\n./mvnw -B -ntp verify ");
	}

	@Test
	void theRelaxedBindingExampleNamesASettingThatBinds() throws IOException {
		Matcher example = Pattern.compile("\\(`(handoff\\.[a-z.-]+)` → `(HANDOFF_[A-Z_]+)`\\)")
			.matcher(Files.readString(Path.of("docs/operations.md")));
		assertThat(example.find()).as("docs/operations.md has the relaxed-binding example").isTrue();
		assertThat(example.group(1)).isEqualTo("handoff.delivery.request-timeout");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(example.group(2), "45s")));
		DeliveryProperties delivery = new Binder(ConfigurationPropertySources.get(environment))
			.bindOrCreate("handoff.delivery", DeliveryProperties.class);
		assertThat(delivery.requestTimeout()).isEqualTo(Duration.ofSeconds(45));
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("CONTRIBUTING.md")));
		try (Stream<Path> docs = Files.list(Path.of("docs"))) {
			docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		pages.add(Path.of("docs/screens/README.md"));
		return pages;
	}

	/**
	 * The anchors GitHub makes of a page's headings: lower case, punctuation dropped,
	 * spaces as hyphens, a repeated one numbered.
	 */
	static Set<String> anchors(String page) {
		Set<String> anchors = new HashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		Matcher headings = HEADING.matcher(FENCE.matcher(page).replaceAll(""));
		while (headings.find()) {
			String slug = headings.group(1)
				.strip()
				.toLowerCase(Locale.ROOT)
				.replaceAll("[^\\p{L}\\p{N} _-]", "")
				.replace(' ', '-');
			int n = seen.merge(slug, 1, Integer::sum);
			anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
		}
		return anchors;
	}

}
