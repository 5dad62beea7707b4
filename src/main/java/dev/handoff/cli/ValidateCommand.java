package dev.handoff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractSet;
import dev.handoff.guard.Guard;
import dev.handoff.guard.GuardProperties;
import dev.handoff.guard.Verdict;
import dev.handoff.json.StrictJson;
import dev.handoff.lint.MemoryTruth;
import dev.handoff.truth.Truth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code handoff validate <contract> <file|->}: one message against one contract, judged
 * as the service would.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
		description = "Holds one message against one contract and prints the violations as the service would answer them.",
		footer = { "", "The truth file holds what the brief established, one campaign or a list of them:",
				"  {\"campaign\": \"C-1001\", \"version\": 2, \"fields\": {\"id\": \"C-1001\", \"name\": \"Spring Sale 2027\", ...}}" })
class ValidateCommand implements Callable<Integer> {

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "CONTRACT",
			description = "a contract name (in --contracts) or a path to NAME.schema.json")
	String contract;

	@Parameters(index = "1", paramLabel = "FILE", description = "the message, or - to read it from standard input")
	String file;

	@Option(names = "--contracts", paramLabel = "DIR",
			description = "contracts folder (default: $HANDOFF_CONTRACTS_DIR or contracts)")
	Path contracts;

	@Option(names = "--truth", paramLabel = "FILE", description = "the campaign truth to hold the message against")
	Path truthFile;

	@Option(names = "--format", defaultValue = "text", description = "text or json (the service's answer)")
	LintCommand.Format format;

	@Override
	public Integer call() throws IOException {
		Path folder = contracts == null ? Folders.contracts() : contracts;
		String name = contract;
		if (contract.endsWith(".schema.json")) {
			Path path = Path.of(contract);
			folder = path.toAbsolutePath().getParent();
			name = path.getFileName().toString().replace(".schema.json", "");
		}
		ContractSet set = new ContractLoader().load(folder);
		String wanted = name;
		Contract judge = set.find(name)
			.orElseThrow(() -> new IllegalArgumentException("no contract '" + wanted + "' in " + set.folder()
					+ " (loaded: " + set.contracts().keySet().stream().sorted().toList() + ")"));
		MemoryTruth truth = new MemoryTruth();
		if (truthFile != null) {
			readTruth(truthFile, truth);
		}
		Verdict verdict = new Guard(new GuardProperties(1_048_576, 32, 64), truth).check(judge, set.taxonomy(),
				read(file));
		print(verdict, spec.commandLine().getOut());
		// a held message conforms; that a person must approve it is not a problem with
		// the message
		return verdict.accepted() || verdict.held() ? Cli.OK : Cli.PROBLEMS;
	}

	private void print(Verdict verdict, PrintWriter out) throws IOException {
		if (format == LintCommand.Format.json) {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("outcome", verdict.accepted() ? "accepted" : verdict.held() ? "held" : "rejected");
			if (verdict.held()) {
				answer.put("reason", verdict.gate());
			}
			if (verdict.accepted() || verdict.held()) {
				answer.put("generated", verdict.generated());
				answer.put("rewritten", verdict.rewritten());
				answer.put("message", JSON.readTree(verdict.forwarded()));
			}
			else {
				answer.put("violations", verdict.violations());
			}
			out.println(JSON.writeValueAsString(answer));
			return;
		}
		if (verdict.held()) {
			out.println("held for approval: " + verdict.gate());
			return;
		}
		if (verdict.accepted()) {
			out.println("accepted" + (verdict.generated().isEmpty() ? "" : "; generated " + verdict.generated())
					+ (verdict.rewritten().isEmpty() ? "" : "; links tagged in " + verdict.rewritten()));
			return;
		}
		out.println("rejected:");
		verdict.violations()
			.forEach(v -> out.println("  " + (v.pointer().isEmpty() ? "(message)" : v.pointer()) + "  " + v.rule()
					+ "  " + v.message() + (v.expected() == null ? "" : "; expected " + v.expected())
					+ (v.actual() == null ? "" : ", actual " + v.actual())));
	}

	private static byte[] read(String file) throws IOException {
		if (file.equals("-")) {
			try (InputStream in = System.in) {
				return in.readAllBytes();
			}
		}
		return Files.readAllBytes(Path.of(file));
	}

	private static void readTruth(Path file, MemoryTruth truth) throws IOException {
		JsonNode json = StrictJson.forFiles().read(Files.readAllBytes(file));
		for (JsonNode entry : json.isArray() ? json : JSON.createArrayNode().add(json)) {
			if (!entry.path("campaign").isTextual() || !entry.path("version").canConvertToLong()
					|| !entry.path("fields").isObject()) {
				throw new IllegalArgumentException(
						file + ": each truth is {\"campaign\": \"...\", \"version\": N, \"fields\": {...}}");
			}
			truth.record(new Truth(entry.get("campaign").asText(), entry.get("version").asLong(),
					(ObjectNode) entry.get("fields"), "cli", Instant.now()));
		}
	}

}
