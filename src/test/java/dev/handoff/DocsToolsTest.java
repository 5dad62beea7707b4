package dev.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/tools.md shows the shipped routes as they are: each excerpt is in the route file
 * its first line names.
 */
class DocsToolsTest {

	private static final Pattern EXCERPT = Pattern.compile("```yaml\\n# (routes/[^\\n]+\\.yaml)\\n(.*?)```",
			Pattern.DOTALL);

	@Test
	void everyRouteExcerptIsInTheFileItNames() throws IOException {
		String page = Files.readString(Path.of("docs/tools.md"));
		Matcher excerpts = EXCERPT.matcher(page);
		List<String> files = new ArrayList<>();
		while (excerpts.find()) {
			files.add(excerpts.group(1));
			assertThat(Files.readString(Path.of(excerpts.group(1)))).as(excerpts.group(1)).contains(excerpts.group(2));
		}
		assertThat(files).contains("routes/email-campaign.yaml", "routes/mailchimp-campaign.yaml",
				"routes/cms-landing-page.yaml", "routes/tracking-batch.yaml");
	}

	@Test
	void everyToolUrlItNamesIsASettingOfTheService() throws IOException {
		String page = Files.readString(Path.of("docs/tools.md"));
		String settings = Files.readString(Path.of("src/main/resources/application.yaml"));
		Matcher names = Pattern.compile("HANDOFF_[A-Z_]+_URL").matcher(page);
		int found = 0;
		while (names.find()) {
			found++;
			assertThat(settings).as(names.group()).contains("${" + names.group() + ":");
		}
		assertThat(found).isGreaterThanOrEqualTo(3);
	}

}
