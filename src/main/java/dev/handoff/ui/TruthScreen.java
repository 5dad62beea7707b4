package dev.handoff.ui;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.handoff.delivery.ArtifactStore;
import dev.handoff.truth.Truth;
import dev.handoff.truth.TruthStore;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** A campaign's truth as the brief set it: the current fields, and each version with what it changed. */
@Controller
class TruthScreen {

	private final TruthStore truth;

	private final ArtifactStore artifacts;

	TruthScreen(TruthStore truth, ArtifactStore artifacts) {
		this.truth = truth;
		this.artifacts = artifacts;
	}

	/**
	 * One version in the history.
	 *
	 * @param truth the version
	 * @param changes what it changed from the version before, in words; empty for the first
	 */
	record Version(Truth truth, List<String> changes) {
	}

	/** The search box: a campaign id leads to its page. */
	@GetMapping("/ui/truth")
	String search(@RequestParam(required = false) String campaign, Model model) {
		if (campaign == null || campaign.isBlank()) {
			model.addAttribute("screen", "truth");
			return "ui/truth";
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/ui/truth/{campaign}").buildAndExpand(campaign.strip()).encode().toUriString();
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
			versions.add(new Version(history.get(i), before == null ? List.of() : changes(before.text(), history.get(i).text())));
		}
		model.addAttribute("current", history.get(0));
		model.addAttribute("artifacts", artifacts.ofCampaign(campaign));
		model.addAttribute("versions", versions);
		return "ui/truth";
	}

	static List<String> changes(Map<String, String> before, Map<String, String> after) {
		Set<String> names = new LinkedHashSet<>(after.keySet());
		names.addAll(before.keySet());
		List<String> changes = new ArrayList<>();
		for (String name : names) {
			String was = before.get(name);
			String now = after.get(name);
			if (was == null) {
				changes.add(name + " set to " + now);
			}
			else if (now == null) {
				changes.add(name + " removed (was " + was + ")");
			}
			else if (!Objects.equals(was, now)) {
				changes.add(name + ": " + was + " → " + now);
			}
		}
		return changes;
	}
}
