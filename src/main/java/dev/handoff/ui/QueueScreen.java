package dev.handoff.ui;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Cause;
import dev.handoff.reject.CauseStore;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectFilter;
import dev.handoff.reject.RejectQuery;
import dev.handoff.reject.RejectStore;
import dev.handoff.review.BulkReview;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The rejected queue: filters, pages in a stable order (newest first), and a bulk replay
 * of what the filters select, previewed before it runs.
 */
@Controller
class QueueScreen {

	static final int MAX_SIZE = 200;

	private final RejectStore rejects;

	private final CauseStore causes;

	private final EdgeRegistry edges;

	private final BulkReview bulk;

	private final ObjectMapper mapper;

	QueueScreen(RejectStore rejects, CauseStore causes, EdgeRegistry edges, BulkReview bulk, ObjectMapper mapper) {
		this.rejects = rejects;
		this.causes = causes;
		this.edges = edges;
		this.bulk = bulk;
		this.mapper = mapper;
	}

	/**
	 * One reject in the list.
	 *
	 * @param reject the reject
	 * @param problems its rules in plain words, each once
	 */
	record Row(Reject reject, List<String> problems) {
	}

	/** What a finished bulk replay did. */
	record BulkResult(String status, int selected, int accepted, int rejectedAgain, int skipped, int remaining) {
	}

	@GetMapping("/ui/rejects")
	String queue(RejectQuery query, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "25") int size, HttpServletRequest request, Model model) {
		// a first visit shows what needs work; choosing "any status" sends an empty
		// status and shows everything
		RejectQuery shown = request.getParameter("status") == null ? withStatus(query, Reject.Status.OPEN.lowerCase())
				: query;
		int pageSize = Math.max(1, Math.min(size, MAX_SIZE));
		int pageNumber = Math.max(0, page);
		filterForm(shown, model);
		model.addAttribute("screen", "queue");
		model.addAttribute("size", pageSize);
		RejectFilter filter;
		try {
			filter = shown.filter();
		}
		catch (BadRequest e) {
			model.addAttribute("error", e.getMessage());
			model.addAttribute("rows", List.of());
			model.addAttribute("total", 0L);
			return "ui/queue";
		}
		RejectStore.Page result = rejects.list(filter, pageNumber, pageSize);
		model.addAttribute("rows", result.items().stream().map(QueueScreen::row).toList());
		model.addAttribute("total", result.total());
		model.addAttribute("totalExact", result.totalExact());
		model.addAttribute("from", result.items().isEmpty() ? 0 : (long) pageNumber * pageSize + 1);
		model.addAttribute("to", (long) pageNumber * pageSize + result.items().size());
		model.addAttribute("previous",
				pageNumber == 0 ? null
						: link("/ui/rejects", shown).queryParam("size", pageSize)
							.queryParam("page", pageNumber - 1)
							.build()
							.encode()
							.toUriString());
		boolean more = result.totalExact() ? (long) (pageNumber + 1) * pageSize < result.total()
				: result.items().size() == pageSize;
		model.addAttribute("next",
				!more ? null
						: link("/ui/rejects", shown).queryParam("size", pageSize)
							.queryParam("page", pageNumber + 1)
							.build()
							.encode()
							.toUriString());
		model.addAttribute("previewLink", link("/ui/rejects/replay", shown).build().encode().toUriString());
		return "ui/queue";
	}

	/** What a bulk replay of the filter would do, with the button that runs it. */
	@GetMapping("/ui/rejects/replay")
	String preview(RejectQuery query, Model model) {
		RejectFilter filter = query.filter();
		filterForm(query, model);
		model.addAttribute("screen", "queue");
		model.addAttribute("preview", bulk.preview(filter));
		model.addAttribute("backLink", link("/ui/rejects", query).build().encode().toUriString());
		return "ui/bulk";
	}

	@PostMapping("/ui/rejects/replay")
	String replayAll(RejectQuery query, HttpServletRequest request, RedirectAttributes flash) {
		// the job's view is the review feature's own type; its JSON shape is the API's,
		// read here into the UI's record
		Object job = bulk.replay(query.filter(), UiSession.caller(request), true);
		flash.addFlashAttribute("bulk", mapper.convertValue(job, BulkResult.class));
		return "redirect:" + link("/ui/rejects", withStatus(query, "")).build().encode().toUriString();
	}

	private void filterForm(RejectQuery query, Model model) {
		model.addAttribute("q", query);
		model.addAttribute("edges", edges.all().stream().map(Edge::name).toList());
		List<Cause> known = causes.list(null, null);
		model.addAttribute("rules", known.stream().map(c -> c.key().rule()).distinct().sorted().toList());
		Cause.Key cause = causeKey(query.cause());
		model.addAttribute("cause", cause);
		model.addAttribute("causeTitle", cause == null ? null : RuleWords.of(cause.rule()).title());
		model.addAttribute("causeField", cause == null ? null : UiModel.FORMAT.field(cause.pointer()));
	}

	private static Cause.Key causeKey(String id) {
		if (id == null || id.isBlank()) {
			return null;
		}
		try {
			return Cause.Key.parse(id);
		}
		catch (BadRequest e) {
			return null;
		}
	}

	/**
	 * Up to three problems in words with the field each is at; the reject's own page has
	 * them all.
	 */
	private static Row row(Reject reject) {
		List<String> problems = reject.violations()
			.stream()
			.map(v -> RuleWords.of(v.rule()).title() + " at " + UiModel.FORMAT.field(v.pointer()))
			.distinct()
			.toList();
		List<String> shown = new java.util.ArrayList<>(problems.subList(0, Math.min(3, problems.size())));
		if (problems.size() > 3) {
			shown.add("and " + (problems.size() - 3) + " more");
		}
		return new Row(reject, shown);
	}

	private static RejectQuery withStatus(RejectQuery q, String status) {
		return new RejectQuery(q.edge(), status, q.rule(), q.campaign(), q.cause(), q.since(), q.until());
	}

	/** A link that keeps the filters (and only those that are set). */
	static UriComponentsBuilder link(String path, RejectQuery q) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
		param(link, "edge", q.edge());
		// an empty status is a choice ("any"), unlike the other filters
		link.queryParam("status", q.status() == null ? "" : q.status());
		param(link, "rule", q.rule());
		param(link, "campaign", q.campaign());
		param(link, "cause", q.cause());
		param(link, "since", q.since());
		param(link, "until", q.until());
		return link;
	}

	private static void param(UriComponentsBuilder link, String name, Object value) {
		if (value instanceof Instant at) {
			link.queryParam(name, at.toString());
		}
		else if (value != null && !value.toString().isBlank()) {
			link.queryParam(name, value);
		}
	}

}
