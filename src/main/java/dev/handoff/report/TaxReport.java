package dev.handoff.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.handoff.api.BadRequest;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.ContractSet;
import dev.handoff.delivery.DeliveredRetention;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.guard.Violation;
import dev.handoff.reject.PersonalData;
import org.springframework.stereotype.Service;

/**
 * Puts the truth tax report together from the database: per edge and campaign, per edge,
 * and in all.
 */
@Service
public class TaxReport {

	private final ReportQueries queries;

	private final StaleTimes stale;

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final PersonalData personal;

	private final DeliveredRetention retention;

	TaxReport(ReportQueries queries, StaleTimes stale, EdgeRegistry edges, ContractRegistry contracts,
			PersonalData personal, DeliveredRetention retention) {
		this.queries = queries;
		this.stale = stale;
		this.edges = edges;
		this.contracts = contracts;
		this.personal = personal;
		this.retention = retention;
	}

	/**
	 * The report over a window, narrowed to an edge and a campaign when given (null for
	 * all). {@code masked} hides personal data in the example messages, for viewers;
	 * times of edges still stale run to {@code now}.
	 */
	public Report report(Window asked, String edge, String campaign, Instant now, boolean masked) {
		Window window = kept(asked, now);
		ReportQueries.Scope scope = new ReportQueries.Scope(window, blankToNull(edge), blankToNull(campaign));
		Map<ReportQueries.Key, Tally> tallies = new TreeMap<>(ReportQueries.Key.ORDER);
		Function<ReportQueries.Key, Tally> tally = key -> tallies.computeIfAbsent(key, k -> new Tally());
		queries.accepted(scope, tally);
		String source = sourceEdge();
		if (source != null && (scope.edge() == null || scope.edge().equals(source))) {
			queries.acceptedBriefs(scope, source, tally);
		}
		queries.rejects(scope, tally);
		queries.rules(scope, tally);
		queries.rework(scope, tally);
		queries.fixes(scope, tally);
		stale.add(scope, now, tally);

		Map<String, Tally> perEdge = new TreeMap<>();
		Tally all = new Tally();
		tallies.forEach((key, t) -> {
			perEdge.computeIfAbsent(key.edge(), e -> new Tally()).add(t);
			all.add(t);
		});
		Figures total = Figures.of(all);
		List<Report.ErrorClass> top = queries.topErrors(scope, Report.TOP)
			.stream()
			.map(e -> masked ? mask(e) : e)
			.toList();
		String headline = window.equals(asked) ? Words.headline(total)
				: Words.keptSince(window.since(), retention.keep()) + " " + Words.headline(total);
		return new Report(window.since(), window.until(), now, scope.edge(), scope.campaign(), headline, total,
				perEdge.entrySet()
					.stream()
					.map(e -> new Report.EdgeFigures(e.getKey(), Figures.of(e.getValue())))
					.toList(),
				tallies.entrySet()
					.stream()
					.map(e -> new Report.Row(e.getKey().edge(), e.getKey().campaign(), Figures.of(e.getValue())))
					.toList(),
				top);
	}

	/**
	 * The window as far as delivered messages are kept: the accepted counts come from
	 * them, so a window reaching further back would count its rejects without its
	 * accepted messages.
	 */
	private Window kept(Window asked, Instant now) {
		Instant keptSince = retention.keptSince(now);
		if (keptSince == null || !asked.since().isBefore(keptSince)) {
			return asked;
		}
		// to the second after, so the window never claims a moment already deleted
		Instant start = keptSince.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		if (!asked.until().isAfter(start)) {
			throw new BadRequest("the window ends at " + asked.until() + ", before the oldest delivered message kept ("
					+ start + "): delivered messages are kept for " + Words.days(retention.keep())
					+ " (handoff.delivery.keep-delivered)");
		}
		return new Window(start, asked.until());
	}

	/**
	 * The edge that takes briefs. Accepted briefs go to no tool, so they are counted from
	 * the truth versions they made, which do not say which edge brought them: with more
	 * than one brief edge they cannot be told apart and are left out.
	 */
	private String sourceEdge() {
		ContractSet set = contracts.current();
		if (set.source() == null) {
			return null;
		}
		List<String> named = edges.all()
			.stream()
			.filter(e -> e.contract().equals(set.source().name()))
			.map(Edge::name)
			.toList();
		return named.size() == 1 ? named.get(0) : null;
	}

	private Report.ErrorClass mask(Report.ErrorClass e) {
		String message = personal.mask(List.of(new Violation(e.pointer(), e.rule(), e.message(), null, null)))
			.get(0)
			.message();
		return new Report.ErrorClass(e.edge(), e.rule(), e.pointer(), e.count(), e.cause(), e.example(), message);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
