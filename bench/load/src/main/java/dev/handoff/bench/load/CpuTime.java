package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time (user + system) of a process, in nanoseconds, as the kernel counts it: {@link ProcessHandle.Info}'s
 * totalCpuDuration (which on Linux reads /proc/<pid>/stat), else /proc/<pid>/stat's utime + stime itself, in clock
 * ticks. Either way the resolution is one clock tick (10 ms at 100 Hz): nothing over windows of seconds.
 */
final class CpuTime {

	private static final long TICK_NANOS = 1_000_000_000L / clockTicks();

	private CpuTime() {
	}

	/** The process's own CPU time; -1 when the process is gone or unreadable. */
	static long of(long pid) {
		Optional<java.time.Duration> total = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
		if (total.isPresent()) {
			return total.get().toNanos();
		}
		long[] stat = stat(pid);
		return stat == null ? -1 : (stat[0] + stat[1]) * TICK_NANOS;
	}

	/**
	 * A process and all it started: itself, its live descendants, and the children it already reaped (cutime +
	 * cstime), so a PostgreSQL backend that ended inside the window still counts. -1 when the process is gone.
	 */
	static long tree(long pid) {
		long own = of(pid);
		long[] stat = stat(pid);
		if (own < 0 || stat == null) {
			return -1;
		}
		long total = own + (stat[2] + stat[3]) * TICK_NANOS;
		for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
			long cpu = of(child.pid());
			total += Math.max(0, cpu);
		}
		return total;
	}

	/** utime, stime, cutime, cstime in clock ticks, or null. */
	private static long[] stat(long pid) {
		try {
			String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// the command name, in parentheses, may hold spaces: count fields after its closing one (field 3 on)
			String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
			return new long[] { Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]) };
		}
		catch (IOException | RuntimeException e) {
			return null;
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).trim();
			getconf.waitFor();
			return Long.parseLong(out);
		}
		catch (IOException | RuntimeException e) {
			return 100;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
