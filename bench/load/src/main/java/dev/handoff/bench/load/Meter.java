package dev.handoff.bench.load;

import java.util.List;

/**
 * What the cost mode reads at each end of a window: the wall clock, the CPU time of the service, of the database
 * server when it is a process of its own, and of this load tool (generator and receiver, on the same cores), and the
 * service's JDBC counts. CPU first, then the counts: the GET for the counts costs the service a little, the same at
 * both ends. With several instances, their CPU times and counts are summed: the cost of a message is what all of
 * them spent on it, whichever took it.
 */
record Meter(long nanos, long serviceCpu, long dbCpu, long toolCpu, JdbcCount jdbc) {

	static Meter take(Service service, Database db) {
		return take(List.of(service), db);
	}

	static Meter take(List<Service> services, Database db) {
		long now = System.nanoTime();
		long cpu = 0;
		for (Service service : services) {
			long one = CpuTime.of(service.pid());
			cpu = cpu < 0 || one < 0 ? -1 : cpu + one;
		}
		long dbCpu = db.cpuNanos();
		long tool = CpuTime.of(ProcessHandle.current().pid());
		JdbcCount jdbc = null;
		for (Service service : services) {
			JdbcCount one = JdbcCount.read(service);
			jdbc = jdbc == null ? one : jdbc.plus(one);
		}
		return new Meter(now, cpu, dbCpu, tool, jdbc);
	}
}
