package dev.handoff.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads {@code taxonomy.json}, checking its template against the source contract's truth
 * fields.
 */
final class TaxonomyReader {

	static final String FILE = "taxonomy.json";

	private static final Pattern HOST = Pattern
		.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

	private final List<ContractProblem> problems;

	TaxonomyReader(List<ContractProblem> problems) {
		this.problems = problems;
	}

	Taxonomy read(JsonNode json, String sha256, Set<String> truthFields) {
		int before = problems.size();
		JsonNode utm = json.path("utm");
		String template = utm.path("campaign").asText("");
		if (template.isBlank()) {
			problem("/utm/campaign", "the utm_campaign template is required, e.g. \"{slug(name)}-{lower(id)}\"");
		}
		List<String> templateProblems = new ArrayList<>();
		UtmTemplate campaign = UtmTemplate.parse(template, truthFields, templateProblems);
		templateProblems.forEach(p -> problem("/utm/campaign", p));
		Pattern disallowed = null;
		String allowed = utm.path("allowed").asText("a-z0-9_-");
		try {
			disallowed = Pattern.compile("[^" + allowed + "]+");
		}
		catch (PatternSyntaxException e) {
			problem("/utm/allowed",
					"'" + allowed + "' is not a character class body such as \"a-z0-9_-\": " + e.getDescription());
		}
		int maxLength = utm.path("maxLength").asInt(100);
		if (maxLength < 1) {
			problem("/utm/maxLength", "must be a positive number");
		}
		Map<String, Channel> channels = new LinkedHashMap<>();
		if (!json.path("channels").isObject() || json.path("channels").isEmpty()) {
			problem("/channels", "at least one channel with its utm source and medium is required");
		}
		json.path("channels").fields().forEachRemaining(e -> {
			String source = e.getValue().path("source").asText("");
			String medium = e.getValue().path("medium").asText("");
			if (source.isBlank() || medium.isBlank()) {
				problem("/channels/" + e.getKey(), "a channel needs a non-empty 'source' and 'medium'");
			}
			channels.put(e.getKey(), new Channel(source, medium));
		});
		List<String> domains = new ArrayList<>();
		JsonNode domainList = json.path("domains");
		if (!domainList.isArray()) {
			problem("/domains", "must be a list of the owned domains, e.g. [\"example.com\"]");
		}
		for (int i = 0; i < domainList.size(); i++) {
			String domain = domainList.get(i).asText("").toLowerCase(Locale.ROOT);
			if (!HOST.matcher(domain).matches()) {
				problem("/domains/" + i,
						"'" + domainList.get(i).asText() + "' is not a domain name such as example.com");
			}
			domains.add(domain);
		}
		return problems.size() == before
				? new Taxonomy(campaign, disallowed, maxLength, Map.copyOf(channels), List.copyOf(domains), sha256)
				: null;
	}

	private void problem(String pointer, String problem) {
		problems.add(new ContractProblem(FILE, pointer, problem));
	}

}
