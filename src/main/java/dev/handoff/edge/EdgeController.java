package dev.handoff.edge;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/edges} and {@code GET /api/contracts}: what is loaded, with hashes. */
@RestController
class EdgeController {

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	EdgeController(EdgeRegistry edges, ContractRegistry contracts) {
		this.edges = edges;
		this.contracts = contracts;
	}

	@GetMapping("/api/edges")
	List<Edge> edges() {
		return edges.all();
	}

	@GetMapping("/api/contracts")
	Map<String, Object> contracts() {
		ContractSet set = contracts.current();
		return Map.of("folder", set.folder(), "taxonomySha256", set.taxonomy().sha256(), "contracts",
				set.contracts().values().stream().sorted(Comparator.comparing(Contract::name))
					.map(c -> Map.of("name", c.name(), "file", c.file(), "sha256", c.sha256(), "source", c.spec().source()))
					.toList());
	}
}
