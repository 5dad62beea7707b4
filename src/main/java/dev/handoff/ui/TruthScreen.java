package dev.handoff.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoff.truth.ArtifactStore;
import dev.handoff.drift.Drift;
import dev.handoff.drift.DriftFinder;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthStore;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Campaigns' truth as the briefs set it: the list of campaigns, newest change first, with
 * which edges are behind; and per campaign the current fields and each version with what
 * it changed.
 */
@Controller
class TruthScreen {

	/** How many campaigns the list shows; older ones are found by their id. */
	static final int LISTED = 100;

	private final TruthStore truth;

	private final ArtifactStore artifacts;

	private final DriftFinder drift;

	TruthScreen(TruthStore truth, ArtifactStore artifacts, DriftFinder drift) {
		this.truth = truth;
		this.artifacts = artifacts;
		this.drift = drift;
	}

	private static List<String> words(List<Truth.Change> changes) {
		return changes.stream().map(Truth.Change::words).toList();
	}

	/**
	 * One version in the history.
	 *
	 * @param truth the version
	 * @param changes what it changed from the version before, in words; empty for the
	 * first
	 */
	record Version(Truth truth, List<String> changes) {
	}

	/**
	 * One campaign in the list.
	 *
	 * @param latest its current truth and the version before
	 * @param changes what its current version changed, in words
	 * @param behind the edges whose tools still hold something built on an older version
	 * (see the drift screen)
	 */
	record Row(TruthStore.Latest latest, List<String> changes, List<String> behind) {

		/**
		 * A brief field shown in the list (the brief's name and owner), or empty when
		 * this brief has none.
		 */
		public String field(String name) {
			JsonNode value = latest.current().field(name);
			return value == null || value.isNull() ? "" : value.asText();
		}
	}

	/**
	 * The list: campaigns whose truth changed last, newest first; a campaign id in the
	 * search box leads to its page.
	 */
	@GetMapping("/ui/truth")
	String list(@RequestParam(required = false) String campaign, Model model) {
		if (campaign == null || campaign.isBlank()) {
			Map<String, List<String>> behind = drift.find(null, null)
				.stream()
				.collect(Collectors.groupingBy(Drift::campaign, Collectors.mapping(Drift::edge, Collectors.toList())));
			model.addAttribute("screen", "truth");
			model.addAttribute("shown", LISTED);
			model.addAttribute("campaigns", truth.latest(LISTED)
				.stream()
				.map(l -> new Row(l, words(l.changes()), behind.getOrDefault(l.current().campaign(), List.of())))
				.toList());
			return "ui/truth";
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/ui/truth/{campaign}")
			.buildAndExpand(campaign.strip())
			.encode()
			.toUriString();
	}

	@GetMapping("/ui/truth/{campaign}")
	String campaign(@PathVariable String campaign, HttpServletResponse response, Model model) {
		List<Truth> history = truth.history(campaign);
		model.addAttribute("screen", "truth");
		model.addAttribute("campaign", campaign);
		if (history.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			return "ui/truth";
		}
		List<Version> versions = new ArrayList<>();
		for (int i = 0; i < history.size(); i++) {
			Truth before = i + 1 < history.size() ? history.get(i + 1) : null;
			versions.add(new Version(history.get(i),
					before == null ? List.of() : words(history.get(i).changesFrom(before))));
		}
		model.addAttribute("current", history.get(0));
		model.addAttribute("artifacts", artifacts.ofCampaign(campaign));
		model.addAttribute("versions", versions);
		return "ui/truth";
	}

}
