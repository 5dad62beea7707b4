package dev.handoff.bench.load;

/**
 * What the cost mode reads at each end of a window: the wall clock, the CPU time of the service, of the database
 * server when it is a process of its own, and of this load tool (generator and receiver, on the same cores), and the
 * service's JDBC counts. CPU first, then the counts: the GET for the counts costs the service a little, the same at
 * both ends.
 */
record Meter(long nanos, long serviceCpu, long dbCpu, long toolCpu, JdbcCount jdbc) {

	static Meter take(Service service, Database db) {
		long now = System.nanoTime();
		long cpu = CpuTime.of(service.pid());
		long dbCpu = db.cpuNanos();
		long tool = CpuTime.of(ProcessHandle.current().pid());
		return new Meter(now, cpu, dbCpu, tool, JdbcCount.read(service));
	}
}
