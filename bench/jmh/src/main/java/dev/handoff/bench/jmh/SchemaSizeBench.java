package dev.handoff.bench.jmh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractSet;
import dev.handoff.guard.Guard;
import dev.handoff.guard.Verdict;
import dev.handoff.json.OrgJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Cost per message as the schema grows: a flat contract of 10, 100 and 1 000 typed, required properties. */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SchemaSizeBench {

	@Param({ "10", "100", "1000" })
	public int properties;

	private Guard guard;

	private Contract contract;

	private ContractSet set;

	private byte[] message;

	private Path folder;

	private final ObjectMapper plain = new ObjectMapper();

	@Setup
	public void setUp() {
		folder = Folders.wide(properties);
		set = new ContractLoader().load(folder);
		contract = set.find("wide").orElseThrow();
		guard = new Guard(Messages.LIMITS, Messages.truthAtVersion2(set));
		message = Folders.wideMessage(properties);
		Messages.requireAccepted("wide-" + properties, guard.check(contract, set.taxonomy(), message));
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		Folders.delete(folder);
	}

	@Benchmark
	public Verdict guard() {
		return guard.check(contract, set.taxonomy(), message);
	}

	@Benchmark
	public JsonNode jacksonParse() throws IOException {
		return plain.readTree(message);
	}

	@Benchmark
	public Object jacksonParseEveritValidate() throws IOException {
		JsonNode tree = plain.readTree(message);
		contract.schema().validate(OrgJson.from(tree));
		return tree;
	}
}
