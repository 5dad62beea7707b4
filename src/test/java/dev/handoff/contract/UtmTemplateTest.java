package dev.handoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Generated UTM values: a small fixed set of pure functions, then the taxonomy's
 * characters and length.
 */
class UtmTemplateTest {

	@Test
	void slugsAccentsAndPunctuationAway() {
		assertThat(UtmTemplate.slug("Été  Sale!! 2027")).isEqualTo("ete-sale-2027");
	}

	@Test
	void rendersFieldsThroughFunctions() {
		List<String> problems = new ArrayList<>();
		UtmTemplate template = UtmTemplate.parse("{slug(name)}-{lower(id)}", Set.of("name", "id"), problems);
		assertThat(problems).isEmpty();
		assertThat(template.render(Map.of("name", "Spring Sale 2027", "id", "C-1001")))
			.isEqualTo("spring-sale-2027-c-1001");
	}

	@Test
	void refusesUnknownFunctionsAndFields() {
		List<String> problems = new ArrayList<>();
		assertThat(UtmTemplate.parse("{shout(name)}-{budget}", Set.of("name"), problems)).isNull();
		assertThat(problems).hasSize(2);
		assertThat(problems.get(0)).contains("unknown function 'shout'");
		assertThat(problems.get(1)).contains("'budget'");
	}

	@Test
	void normalisesToTheAllowedCharactersAndLength() {
		Taxonomy taxonomy = new Taxonomy(null, Pattern.compile("[^a-z0-9-]+"), 12, Map.of(), List.of(), "");
		assertThat(taxonomy.normalise("spring__sale--2027-c-1001")).isEqualTo("spring-sale");
		assertThat(taxonomy.normalise("-a--b-")).isEqualTo("a-b");
	}

}
