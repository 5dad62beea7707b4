package dev.handoff.bench.jmh;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractSet;
import dev.handoff.contract.Taxonomy;
import dev.handoff.guard.Guard;
import dev.handoff.guard.Verdict;
import dev.handoff.json.OrgJson;
import dev.handoff.lint.MemoryTruth;
import org.everit.json.schema.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One message through the guard (size, strict parse, schema, truth, generate, links) beside the work it cannot
 * avoid, measured in the same run: Jackson parse alone, and Jackson parse + Everit validation (org.json
 * conversion included) against the same compiled schema. {@code Report} prints guard / baseline.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode({ Mode.AverageTime, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GuardBench {

	/** Each shipped edge's typical good example, and the email campaign with a 2, 20 and 200 KiB body. */
	@Param({ "brief-approved", "cms-landing-page", "email-campaign", "tracking-event", "email-campaign-2k", "email-campaign-20k",
			"email-campaign-200k" })
	public String message;

	private Guard guard;

	private Contract contract;

	private Taxonomy taxonomy;

	private Schema schema;

	private byte[] bytes;

	/** Plain Jackson, default settings: the parse any JSON service does. */
	private final ObjectMapper plain = new ObjectMapper();

	@Setup
	public void setUp() {
		ContractSet contracts = Messages.shippedContracts();
		contract = contracts.find(Messages.contractOf(message)).orElseThrow();
		taxonomy = contracts.taxonomy();
		schema = contract.schema();
		bytes = Messages.message(message);
		// a brief is judged against no truth yet (it becomes version 1); the other edges against campaign C-1001 v2
		MemoryTruth truth = contract.spec().source() ? new MemoryTruth() : Messages.truthAtVersion2(contracts);
		guard = new Guard(Messages.LIMITS, truth);
		Messages.requireAccepted(message, guard.check(contract, taxonomy, bytes));
	}

	@Benchmark
	public Verdict guard() {
		return guard.check(contract, taxonomy, bytes);
	}

	@Benchmark
	public JsonNode jacksonParse() throws IOException {
		return plain.readTree(bytes);
	}

	@Benchmark
	public Object jacksonParseEveritValidate() throws IOException {
		JsonNode tree = plain.readTree(bytes);
		schema.validate(OrgJson.from(tree));
		return tree;
	}
}
