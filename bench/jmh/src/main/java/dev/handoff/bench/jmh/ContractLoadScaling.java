package dev.handoff.bench.jmh;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.handoff.contract.ContractLoader;
import dev.handoff.contract.ContractSet;

/**
 * What a growing contracts folder costs at start and in memory: the time to load (parse, check, compile) 10,
 * 100 and 1 000 contracts, and the heap the loaded set keeps (used heap after a full GC, with and without it).
 * Usage: {@code java -cp benchmarks.jar dev.handoff.bench.jmh.ContractLoadScaling [csv-file]}.
 */
public final class ContractLoadScaling {

	private ContractLoadScaling() {
	}

	public static void main(String[] args) throws IOException {
		int[] counts = { 10, 100, 1000 };
		// warm the loader up once, so the first size does not pay for class loading and the JIT alone
		for (int i = 0; i < 3; i++) {
			Path warm = Folders.copies(100);
			new ContractLoader().load(warm);
			Folders.delete(warm);
		}
		List<String> csv = new ArrayList<>();
		csv.add("contracts,load_ms,retained_kib,per_contract_kib");
		System.out.println("| contracts | load (ms) | heap kept by the set (KiB) | per contract (KiB) |");
		System.out.println("|---:|---:|---:|---:|");
		for (int count : counts) {
			Path folder = Folders.copies(count);
			long before = usedAfterGc();
			long start = System.nanoTime();
			ContractSet set = new ContractLoader().load(folder);
			double ms = (System.nanoTime() - start) / 1e6;
			long after = usedAfterGc();
			if (set.contracts().size() != count) {
				throw new IllegalStateException("loaded " + set.contracts().size() + " of " + count);
			}
			double kib = (after - before) / 1024.0;
			System.out.printf("| %d | %.0f | %.0f | %.1f |%n", count, ms, kib, kib / count);
			csv.add(String.format("%d,%.1f,%.0f,%.2f", count, ms, kib, kib / count));
			Folders.delete(folder);
			// keep the set reachable until it was measured
			if (set.contracts().isEmpty()) {
				System.out.println();
			}
		}
		if (args.length > 0) {
			Files.write(Path.of(args[0]), csv);
		}
	}

	private static long usedAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return memory.getHeapMemoryUsage().getUsed();
	}
}
