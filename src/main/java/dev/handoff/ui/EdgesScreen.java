package dev.handoff.ui;

import java.util.List;

import dev.handoff.contract.Contract;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.delivery.Targets;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The edges in force: what each one guards with (contract and hash), where it delivers,
 * and how many rejects it left open.
 */
@Controller
class EdgesScreen {

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final OpenCounts counts;

	EdgesScreen(EdgeRegistry edges, ContractRegistry contracts, OpenCounts counts) {
		this.edges = edges;
		this.contracts = contracts;
		this.counts = counts;
	}

	/**
	 * One edge as the table shows it.
	 *
	 * @param edge the edge
	 * @param sha256 its contract's hash, null when the contract is not loaded
	 * @param deliversTo where accepted messages go, as {@link Targets#display(String)}
	 * shows it (no user info, no query); null when nowhere (the brief sets the truth)
	 * @param open rejects left open
	 */
	record Row(Edge edge, String sha256, String deliversTo, long open) {
	}

	@GetMapping("/ui/edges")
	String edges(Model model) {
		List<Row> rows = edges.all()
			.stream()
			.map(e -> new Row(e, contracts.find(e.contract()).map(Contract::sha256).orElse(null),
					Targets.display(e.deliverTo()), counts.onEdge(e.name())))
			.toList();
		model.addAttribute("screen", "edges");
		model.addAttribute("rows", rows);
		model.addAttribute("loaded", contracts.loaded());
		model.addAttribute("refused", contracts.lastFailure().orElse(null));
		return "ui/edges";
	}

}
