package dev.handoff.edge;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.api.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/edges}, {@code GET /api/contracts} and {@code POST /api/contracts/reload}: what is loaded, with hashes. */
@RestController
class EdgeController {

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final RouteWatcher routes;

	EdgeController(EdgeRegistry edges, ContractRegistry contracts, RouteWatcher routes) {
		this.edges = edges;
		this.contracts = contracts;
		this.routes = routes;
	}

	@GetMapping("/api/edges")
	Map<String, Object> edges() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("edges", edges.all());
		body.put("routesLoadedAt", routes.loadedAt());
		body.put("lastError", routes.lastFailure().orElse(null));
		return body;
	}

	@GetMapping("/api/contracts")
	Map<String, Object> contracts() {
		ContractRegistry.Loaded loaded = contracts.loaded();
		ContractSet set = loaded.set();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("folder", set.folder());
		body.put("loadedAt", loaded.loadedAt());
		body.put("taxonomySha256", set.taxonomy().sha256());
		body.put("contracts", set.contracts().values().stream().sorted(Comparator.comparing(Contract::name))
			.map(c -> Map.of("name", c.name(), "file", c.file(), "sha256", c.sha256(), "source", c.spec().source()))
			.toList());
		body.put("lastError", contracts.lastFailure().orElse(null));
		return body;
	}

	/** Reloads now instead of at the next look at the folder; a refused set answers 422 with its problems. */
	@PostMapping("/api/contracts/reload")
	ResponseEntity<Object> reload() {
		boolean changed = contracts.reload(true);
		routes.check();
		if (!changed && contracts.lastFailure().isPresent()) {
			ContractRegistry.Failure failure = contracts.lastFailure().get();
			ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "contracts-refused", "Contracts refused",
					"the new contracts were refused; the last good set stays in force");
			problem.setProperty("problems", failure.problems());
			return ResponseEntity.unprocessableEntity().body(problem);
		}
		return ResponseEntity.ok(contracts());
	}
}
