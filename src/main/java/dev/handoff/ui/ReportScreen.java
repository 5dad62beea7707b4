package dev.handoff.ui;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.handoff.access.Caller;
import dev.handoff.reject.Redaction;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.api.BadRequest;
import dev.handoff.report.Figures;
import dev.handoff.report.Report;
import dev.handoff.report.TaxReport;
import dev.handoff.report.Window;
import dev.handoff.report.Words;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The truth tax report for the people who take it to a meeting: the same figures as
 * {@code GET /api/report}, on one page.
 */
@Controller
class ReportScreen {

	private final TaxReport reports;

	private final EdgeRegistry edges;

	private final Clock clock;

	ReportScreen(TaxReport reports, EdgeRegistry edges, ObjectProvider<Clock> clock) {
		this.reports = reports;
		this.edges = edges;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	/**
	 * One line of a report table.
	 *
	 * @param kind {@code edge}, {@code campaign} (shown indented under its edge) or
	 * {@code total}
	 * @param label what the line is about
	 * @param key the line's {@code data-line}: the edge, {@code edge|campaign}, or
	 * {@code all edges}
	 * @param figures its figures
	 */
	record Line(String kind, String label, String key, Figures figures) {
	}

	/**
	 * The words for figures, as the text form writes them; on the model as {@code words}.
	 */
	static final class FigureWords {

		public String percent(Figures f) {
			return Words.percent(f);
		}

		public String duration(Long seconds) {
			return Words.duration(seconds);
		}

		public String rules(Figures f) {
			return Words.rules(f);
		}

		public String rule(String rule) {
			return RuleWords.of(rule).title();
		}

	}

	private static final FigureWords WORDS = new FigureWords();

	@GetMapping("/ui/report")
	String report(@RequestParam(required = false) String since, @RequestParam(required = false) String until,
			@RequestParam(required = false) String edge, @RequestParam(required = false) String campaign,
			HttpServletRequest request, Model model) {
		model.addAttribute("screen", "report");
		model.addAttribute("since", since == null || since.isBlank() ? "30d" : since);
		model.addAttribute("until", until == null ? "" : until);
		model.addAttribute("edge", edge == null ? "" : edge);
		model.addAttribute("campaign", campaign == null ? "" : campaign);
		model.addAttribute("edges", edges.all().stream().map(Edge::name).toList());
		model.addAttribute("words", WORDS);
		Instant now = clock.instant();
		Caller me = UiSession.caller(request);
		Report report;
		try {
			report = reports.report(Window.parse(since, until, now), edge, campaign, now, Redaction.masks(me));
		}
		catch (BadRequest e) {
			// the form stays, with what was wrong (a window that is no time, or one older
			// than what is kept) said above it
			model.addAttribute("error", e.getMessage());
			return "ui/report";
		}
		model.addAttribute("report", report);
		model.addAttribute("lines", lines(report));
		return "ui/report";
	}

	private static List<Line> lines(Report report) {
		List<Line> lines = new ArrayList<>();
		for (Report.EdgeFigures e : report.edges()) {
			lines.add(new Line("edge", e.edge(), e.edge(), e.figures()));
			report.rows().stream().filter(r -> r.edge().equals(e.edge())).forEach(r -> {
				String label = r.campaign() == null ? "(no campaign)" : r.campaign();
				lines.add(new Line("campaign", label, r.edge() + "|" + label, r.figures()));
			});
		}
		lines.add(new Line("total", "all edges", "all edges", report.total()));
		return lines;
	}

}
