package dev.handoff.bench.jmh;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractSet;
import dev.handoff.guard.Guard;
import dev.handoff.guard.Verdict;
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

/**
 * Cost per message as the number of loaded contracts grows: each call looks its contract up by name in the
 * set (as an edge does) and guards the edge's typical message against it, going round every copy in turn so
 * that each call touches another compiled schema.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContractCountBench {

	@Param({ "10", "100", "1000" })
	public int contracts;

	private ContractSet set;

	private Guard guard;

	private String[] names;

	private byte[][] messages;

	private int next;

	private Path folder;

	@Setup
	public void setUp() {
		folder = Folders.copies(contracts);
		set = new ContractLoader().load(folder);
		guard = new Guard(Messages.LIMITS, Messages.truthAtVersion2(set));
		names = new String[contracts - 1];
		messages = new byte[contracts - 1][];
		for (int i = 1; i < contracts; i++) {
			names[i - 1] = Folders.copyName(i);
			messages[i - 1] = Messages.message(Folders.EDGES[(i - 1) % Folders.EDGES.length]);
			Messages.requireAccepted(names[i - 1], guard.check(set.find(names[i - 1]).orElseThrow(), set.taxonomy(), messages[i - 1]));
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		Folders.delete(folder);
	}

	@Benchmark
	public Verdict guardRoundRobin() {
		int i = next;
		next = i + 1 == names.length ? 0 : i + 1;
		Contract contract = set.find(names[i]).orElseThrow();
		return guard.check(contract, set.taxonomy(), messages[i]);
	}
}
