package dev.handoff.bench.app;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bench-only {@code GET /bench/counters}: the JDBC counts so far, for the cost mode of the load benchmark. Nothing
 * guards it: outside {@code /api/} and {@code /ui} the service has no access filter, and this jar is only ever on
 * the class path of a service the benchmark started on a loopback port.
 */
@RestController
class CountersController {

	private final JdbcCounters counters;

	CountersController(JdbcCounters counters) {
		this.counters = counters;
	}

	@GetMapping(path = "/bench/counters", produces = "application/json")
	Map<String, Long> counters() {
		return counters.snapshot();
	}

}
