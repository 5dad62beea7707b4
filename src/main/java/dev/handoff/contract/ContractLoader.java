package dev.handoff.contract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.json.OrgJson;
import dev.handoff.json.StrictJson;
import org.everit.json.schema.Schema;
import org.everit.json.schema.SchemaException;
import org.everit.json.schema.loader.SchemaClient;
import org.everit.json.schema.loader.SchemaLoader;
import org.everit.json.schema.regexp.RE2JRegexpFactory;
import org.json.JSONObject;

/**
 * Loads a contracts folder: every {@code *.schema.json} with its {@code x-handoff} block,
 * and {@code taxonomy.json}. Either all of it is good and a {@link ContractSet} comes
 * back, or an {@link InvalidContractsException} lists every problem with file and
 * pointer.
 */
public final class ContractLoader {

	static final String SUFFIX = ".schema.json";

	private static final Set<String> DRAFT_07 = Set.of("http://json-schema.org/draft-07/schema",
			"http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft-07/schema",
			"https://json-schema.org/draft-07/schema#");

	/**
	 * Handoff never fetches a schema over the network; remote refs are refused before
	 * this is reached.
	 */
	private static final SchemaClient NO_REMOTE = url -> {
		throw new SchemaException("remote $ref '" + url + "' is not fetched");
	};

	private final StrictJson json = StrictJson.forFiles();

	public ContractSet load(Path folder) {
		List<ContractProblem> problems = new ArrayList<>();
		if (!Files.isDirectory(folder)) {
			throw new InvalidContractsException(folder.toString(),
					List.of(new ContractProblem(folder.toString(), "", "is not a folder (set HANDOFF_CONTRACTS_DIR)")));
		}
		Map<String, Contract> contracts = new LinkedHashMap<>();
		for (Path file : schemaFiles(folder, problems)) {
			Contract contract = loadContract(file, problems);
			if (contract != null) {
				contracts.put(contract.name(), contract);
			}
		}
		List<Contract> sources = contracts.values().stream().filter(c -> c.spec().source()).toList();
		if (sources.size() != 1 && problems.isEmpty()) {
			problems.add(new ContractProblem(folder.toString(), "",
					sources.isEmpty()
							? "no source contract: exactly one contract must say \"x-handoff\": {\"source\": true, ...}"
							: "several source contracts " + sources.stream().map(Contract::file).toList()
									+ ": exactly one may establish the truth"));
		}
		Set<String> truthFields = sources.size() == 1 ? sources.get(0).spec().truth().keySet() : Set.of();
		Taxonomy taxonomy = loadTaxonomy(folder.resolve(TaxonomyReader.FILE), truthFields, problems);
		if (taxonomy != null) {
			contracts.values().forEach(c -> checkAgainstTruth(c, truthFields, taxonomy, problems));
		}
		if (!problems.isEmpty()) {
			throw new InvalidContractsException(folder.toString(), problems);
		}
		return new ContractSet(folder.toString(), Map.copyOf(contracts), sources.get(0), taxonomy);
	}

	private List<Path> schemaFiles(Path folder, List<ContractProblem> problems) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
		}
		catch (IOException e) {
			problems.add(new ContractProblem(folder.toString(), "", "cannot be listed: " + e.getMessage()));
			return List.of();
		}
	}

	private Contract loadContract(Path path, List<ContractProblem> problems) {
		String file = path.getFileName().toString();
		byte[] bytes = readFile(path, file, problems);
		JsonNode schemaJson = bytes == null ? null : parse(bytes, file, problems);
		if (schemaJson == null) {
			return null;
		}
		if (!schemaJson.isObject()) {
			problems.add(new ContractProblem(file, "", "must be a JSON object (a draft-07 JSON Schema)"));
			return null;
		}
		int before = problems.size();
		JsonNode declared = schemaJson.get("$schema");
		if (declared != null && !DRAFT_07.contains(declared.asText())) {
			problems.add(new ContractProblem(file, "/$schema", "'" + declared.asText()
					+ "' is not supported: contracts are JSON Schema draft-07 (http://json-schema.org/draft-07/schema#)"));
		}
		findRemoteRefs(schemaJson, "", file, problems);
		RefLoops.check(schemaJson, file, problems);
		Patterns.check(schemaJson, file, problems);
		HandoffMessages.check(schemaJson, file, problems);
		HandoffSpec spec = new HandoffSpecReader(file, schemaJson, problems).read();
		Schema schema = problems.size() == before ? compile(schemaJson, file, problems) : null;
		if (schema == null || spec == null) {
			return null;
		}
		return new Contract(file.substring(0, file.length() - SUFFIX.length()), file, sha256(bytes), schema, spec);
	}

	/**
	 * Compiles a schema the way every contract is compiled: draft-07, nothing fetched,
	 * patterns on RE2J.
	 */
	static Schema compile(JsonNode schemaJson, String file, List<ContractProblem> problems) {
		try {
			Schema schema = SchemaLoader.builder()
				.schemaJson((JSONObject) OrgJson.from(schemaJson))
				.draftV7Support()
				.schemaClient(NO_REMOTE)
				.regexpFactory(new RE2JRegexpFactory())
				.build()
				.load()
				.build();
			return RefLoops.survivesValidation(schema, file, problems) ? schema : null;
		}
		catch (SchemaException e) {
			String location = e.getSchemaLocation() == null ? "" : e.getSchemaLocation().replaceFirst("^#", "");
			problems.add(new ContractProblem(file, location, "is not a valid JSON Schema: " + e.getMessage()));
		}
		catch (RuntimeException e) {
			// Everit reports some broken schemas (a bad regex, a wrong type) with other
			// exception types
			problems.add(new ContractProblem(file, "", "is not a valid JSON Schema: " + e.getMessage()));
		}
		return null;
	}

	static void findRemoteRefs(JsonNode node, String at, String file, List<ContractProblem> problems) {
		if (node.isObject()) {
			node.fields().forEachRemaining(e -> {
				String child = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
				if (e.getKey().equals("$ref") && e.getValue().isTextual() && !e.getValue().asText().startsWith("#")) {
					problems.add(new ContractProblem(file, child, "remote $ref '" + e.getValue().asText()
							+ "' is not allowed: Handoff never fetches schemas; copy it into 'definitions' and use \"#/definitions/...\""));
				}
				else if (!e.getKey().equals(HandoffSpecReader.BLOCK)) {
					findRemoteRefs(e.getValue(), child, file, problems);
				}
			});
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				findRemoteRefs(node.get(i), at + "/" + i, file, problems);
			}
		}
	}

	private Taxonomy loadTaxonomy(Path path, Set<String> truthFields, List<ContractProblem> problems) {
		if (!Files.isRegularFile(path)) {
			problems.add(new ContractProblem(TaxonomyReader.FILE, "",
					"is missing: the UTM rules shared by all contracts live there"));
			return null;
		}
		byte[] bytes = readFile(path, TaxonomyReader.FILE, problems);
		JsonNode taxonomy = bytes == null ? null : parse(bytes, TaxonomyReader.FILE, problems);
		return taxonomy == null ? null : new TaxonomyReader(problems).read(taxonomy, sha256(bytes), truthFields);
	}

	private static void checkAgainstTruth(Contract contract, Set<String> truthFields, Taxonomy taxonomy,
			List<ContractProblem> problems) {
		HandoffSpec spec = contract.spec();
		String block = "/" + HandoffSpecReader.BLOCK;
		if (spec.channel() != null && !taxonomy.channels().containsKey(spec.channel())) {
			problems.add(new ContractProblem(contract.file(), block + "/channel", "unknown channel '" + spec.channel()
					+ "' (taxonomy.json has " + taxonomy.channels().keySet().stream().sorted().toList() + ")"));
		}
		spec.mustMatch().forEach((pointer, field) -> {
			if (!truthFields.contains(field)) {
				problems.add(new ContractProblem(contract.file(), block + "/mustMatch/" + escape(pointer.toString()),
						"'" + field + "' is not a truth field of the source contract "
								+ truthFields.stream().sorted().toList()));
			}
		});
		spec.generate().forEach((pointer, generator) -> {
			String problem = Generators.problem(generator, truthFields);
			if (problem != null) {
				problems.add(new ContractProblem(contract.file(), block + "/generate/" + escape(pointer.toString()),
						problem));
			}
		});
	}

	private static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

	private static byte[] readFile(Path path, String file, List<ContractProblem> problems) {
		try (InputStream in = Files.newInputStream(path)) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			problems.add(new ContractProblem(file, "", "cannot be read: " + e.getMessage()));
			return null;
		}
	}

	private JsonNode parse(byte[] bytes, String file, List<ContractProblem> problems) {
		try {
			return json.read(bytes);
		}
		catch (IOException e) {
			problems.add(new ContractProblem(file, "",
					"is not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
			return null;
		}
	}

	static String sha256(byte[] bytes) {
		return FolderFingerprint.sha256(bytes);
	}

}
