package dev.handoff.ui;

import java.util.List;

import dev.handoff.drift.Drift;
import dev.handoff.drift.DriftFinder;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Which edges are behind a campaign's brief: they delivered a message built on an older
 * version, and a field they are built from changed since. Late-change notices and drift
 * alerts link here.
 */
@Controller
class DriftScreen {

	private final DriftFinder drift;

	private final EdgeRegistry edges;

	DriftScreen(DriftFinder drift, EdgeRegistry edges) {
		this.drift = drift;
		this.edges = edges;
	}

	@GetMapping("/ui/drift")
	String drift(@RequestParam(required = false) String campaign, @RequestParam(required = false) String edge,
			Model model) {
		List<Drift> drifts = drift.find(campaign, edge);
		model.addAttribute("screen", "drift");
		model.addAttribute("drifts", drifts);
		model.addAttribute("campaign", campaign == null ? "" : campaign);
		model.addAttribute("edge", edge == null ? "" : edge);
		model.addAttribute("edges", edges.all().stream().map(Edge::name).toList());
		return "ui/drift";
	}

}
