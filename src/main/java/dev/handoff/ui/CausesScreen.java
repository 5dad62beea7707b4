package dev.handoff.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.handoff.api.NotFoundException;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Cause;
import dev.handoff.reject.CauseStore;
import dev.handoff.reject.RejectStore;
import dev.handoff.review.Review;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The home screen: what went wrong, grouped by cause (edge, rule, field), with how many
 * rejects each left open, the open counts per edge and per rule, and the triage a person
 * gives a cause.
 */
@Controller
class CausesScreen {

	private final CauseStore causes;

	private final EdgeRegistry edges;

	private final OpenCounts counts;

	private final Review review;

	CausesScreen(CauseStore causes, EdgeRegistry edges, OpenCounts counts, Review review) {
		this.causes = causes;
		this.edges = edges;
		this.counts = counts;
		this.review = review;
	}

	/**
	 * One cause as the table shows it.
	 *
	 * @param cause the cause
	 * @param title its rule in plain words
	 * @param field its pointer as a path of field names
	 */
	record Row(Cause cause, String title, String field) {
	}

	@GetMapping({ "/ui", "/ui/" })
	String home(@RequestParam(required = false) String state, Model model) {
		List<Cause> all = causes.list(null, null);
		List<Row> rows = all.stream()
			.filter(c -> state == null || state.isBlank() || state.equals(c.state()))
			.map(c -> new Row(c, RuleWords.of(c.key().rule()).title(), UiModel.FORMAT.field(c.key().pointer())))
			.toList();
		List<String> rules = all.stream()
			.filter(c -> c.open() > 0)
			.map(c -> c.key().rule())
			.distinct()
			.sorted()
			.toList();
		Map<String, Long> perRule = counts.nonZero(rules, counts::forRule);
		model.addAttribute("screen", "causes");
		model.addAttribute("rows", rows);
		model.addAttribute("state", state == null ? "" : state);
		model.addAttribute("anyCauses", !all.isEmpty());
		model.addAttribute("openTotal", counts.all());
		model.addAttribute("countLimit", RejectStore.COUNT_LIMIT);
		model.addAttribute("perEdge", counts.nonZero(edges.all().stream().map(Edge::name).toList(), counts::onEdge));
		model.addAttribute("perRule", perRule);
		model.addAttribute("ruleTitles",
				rules.stream().collect(Collectors.toMap(r -> r, r -> RuleWords.of(r).title())));
		return "ui/causes";
	}

	@PostMapping("/ui/causes/{id}/state")
	String triage(@PathVariable String id, @RequestParam String state, HttpServletRequest request,
			RedirectAttributes flash) {
		try {
			Cause cause = review.triage(id, state, UiSession.caller(request));
			flash.addFlashAttribute("notice",
					"Marked " + RuleWords.of(cause.key().rule()).title().toLowerCase(Locale.ROOT) + " on "
							+ cause.key().edge() + " (" + UiModel.FORMAT.field(cause.key().pointer()) + ") as "
							+ cause.state() + ".");
		}
		catch (BadRequest | NotFoundException e) {
			flash.addFlashAttribute("error", e.getMessage());
		}
		return "redirect:/ui";
	}

}
