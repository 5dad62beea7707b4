package dev.handoff.trigger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoff.contract.ContractProblem;
import dev.handoff.contract.ContractProperties;
import dev.handoff.contract.Poller;
import dev.handoff.edge.Edge;
import dev.handoff.edge.EdgeRegistry;
import dev.handoff.notify.Notices;
import dev.handoff.notify.NotifyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the review triggers every so often: when one crosses its threshold on an
 * edge, its owner gets one alert with a link to the filtered queue; while it holds,
 * nothing more; when it clears, one resolve message. The rules are re-read when
 * {@code triggers.json} changes; a broken edit is refused and the last good rules stay.
 */
@Component
public class TriggerWatch implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TriggerWatch.class);

	private final Path folder;

	private final EdgeRegistry edges;

	private final Measurements measure;

	private final TriggerStore states;

	private final Notices notices;

	private final TransactionTemplate transactions;

	private final ObjectMapper mapper;

	private final Poller poller;

	private volatile List<Trigger> triggers = List.of();

	private volatile String fileStamp = "";

	TriggerWatch(ContractProperties contracts, TriggerProperties properties, EdgeRegistry edges, Measurements measure,
			TriggerStore states, Notices notices, TransactionTemplate transactions, ObjectMapper mapper) {
		this.folder = contracts.dir();
		this.edges = edges;
		this.measure = measure;
		this.states = states;
		this.notices = notices;
		this.transactions = transactions;
		this.mapper = mapper;
		this.poller = new Poller("handoff-triggers", properties.interval(), this::evaluate);
	}

	/**
	 * Reads the rules once the edges are known; broken rules stop the start, as broken
	 * contracts do.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void load() {
		List<ContractProblem> problems = reload();
		if (!problems.isEmpty()) {
			throw new IllegalStateException(TriggerFile.FILE + " is invalid:\n  - "
					+ String.join("\n  - ", problems.stream().map(ContractProblem::toString).toList()));
		}
	}

	public List<Trigger> triggers() {
		return triggers;
	}

	public List<TriggerState> states() {
		return states.all();
	}

	private List<ContractProblem> reload() {
		String stamp = stamp();
		if (stamp.equals(fileStamp)) {
			return List.of();
		}
		Set<String> names = new TreeSet<>();
		edges.all().forEach(e -> names.add(e.name()));
		TriggerFile.Read read = TriggerFile.read(folder, names);
		if (read.problems().isEmpty()) {
			triggers = read.triggers();
			fileStamp = stamp;
			log.info("Review triggers: {}",
					triggers.isEmpty() ? "none" : triggers.stream().map(Trigger::name).toList());
		}
		else if (!fileStamp.isEmpty()) {
			// keep the last good rules, and do not complain again until the file changes
			fileStamp = stamp;
			log.error("{} was edited and is invalid; the last good triggers stay: {}", TriggerFile.FILE,
					read.problems());
		}
		return read.problems();
	}

	private String stamp() {
		Path file = folder.resolve(TriggerFile.FILE);
		try {
			return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file) : "absent";
		}
		catch (java.io.IOException e) {
			return "unreadable";
		}
	}

	/** One evaluation of every trigger on every edge it watches. */
	public void evaluate() {
		reload();
		List<Trigger> rules = triggers;
		if (rules.isEmpty()) {
			return;
		}
		Instant now = Instant.now();
		Map<String, Instant> openRejects = null;
		Map<String, Instant> pending = null;
		Map<String, Instant> drift = null;
		for (Trigger trigger : rules) {
			Map<String, Long> rejects = trigger.when() == Trigger.Kind.REJECTS ? measure.rejects(now, trigger.window())
					: Map.of();
			if (trigger.when() == Trigger.Kind.OPEN_REJECT_AGE && openRejects == null) {
				openRejects = measure.oldestOpenReject();
			}
			if (trigger.when() == Trigger.Kind.OUTBOX_AGE && pending == null) {
				pending = measure.oldestPending();
			}
			if (trigger.when() == Trigger.Kind.DRIFT_AGE && drift == null) {
				drift = measure.oldestDrift();
			}
			for (Edge edge : edges.all()) {
				if (!trigger.watches(edge.name())) {
					continue;
				}
				Reading reading = switch (trigger.when()) {
					case REJECTS -> count(trigger, rejects.getOrDefault(edge.name(), 0L));
					case OPEN_REJECT_AGE -> age(trigger, openRejects.get(edge.name()), now, "the oldest open reject");
					case OUTBOX_AGE -> age(trigger, pending.get(edge.name()), now, "the oldest undelivered message");
					case DRIFT_AGE -> age(trigger, drift.get(edge.name()), now, "the oldest drift");
				};
				try {
					apply(trigger, edge.name(), reading, now);
				}
				catch (RuntimeException e) {
					// one edge's trouble must not silence the triggers of the others
					log.error("Trigger {} on edge {} could not be applied: {}", trigger.name(), edge.name(),
							e.getMessage(), e);
				}
			}
		}
	}

	private record Reading(boolean firing, String detail) {
	}

	private static Reading count(Trigger trigger, long rejects) {
		return new Reading(rejects > trigger.threshold(), rejects + " rejects within "
				+ Durations.text(trigger.window()) + " (threshold " + trigger.threshold() + ")");
	}

	private static Reading age(Trigger trigger, Instant oldest, Instant now, String what) {
		if (oldest == null) {
			return new Reading(false, "none");
		}
		Duration age = Duration.between(oldest, now);
		return new Reading(age.compareTo(trigger.olderThan()) > 0,
				what + " is " + Durations.text(Duration.ofSeconds(age.getSeconds())) + " old (limit "
						+ Durations.text(trigger.olderThan()) + ")");
	}

	private void apply(Trigger trigger, String edge, Reading reading, Instant now) {
		states.ensure(trigger.name(), edge);
		if (reading.firing()) {
			transactions.executeWithoutResult(tx -> {
				if (states.fire(trigger.name(), edge, reading.detail(), now)) {
					notices.send("alert", edge, null, alert(trigger, edge, reading));
				}
			});
		}
		else {
			Instant since = states.since(trigger.name(), edge);
			transactions.executeWithoutResult(tx -> {
				if (states.clear(trigger.name(), edge, reading.detail(), now)) {
					notices.send("resolved", edge, null, resolved(trigger, edge, reading, since, now));
				}
			});
		}
	}

	private ObjectNode alert(Trigger trigger, String edge, Reading reading) {
		NotifyProperties.Owner owner = notices.owner(edge);
		String link = notices.link(queue(trigger, edge));
		ObjectNode message = mapper.createObjectNode();
		message.put("text",
				"Handoff alert [" + trigger.name() + "] on " + edge + ": " + trigger.condition() + " — "
						+ reading.detail() + "."
						+ (owner.name() == null ? ""
								: " Owner: " + owner.name()
										+ (owner.contact() == null ? "" : " (" + owner.contact() + ")") + ".")
						+ " " + link);
		ObjectNode data = message.putObject("handoff");
		data.put("kind", "alert");
		data.put("trigger", trigger.name());
		data.put("edge", edge);
		data.put("condition", trigger.condition());
		data.put("measured", reading.detail());
		data.put("owner", owner.name());
		data.put("link", link);
		return message;
	}

	private ObjectNode resolved(Trigger trigger, String edge, Reading reading, Instant since, Instant now) {
		String lasted = since == null ? "" : " after "
				+ Durations.text(Duration.ofSeconds(Math.max(1, Duration.between(since, now).getSeconds())));
		ObjectNode message = mapper.createObjectNode();
		message.put("text",
				"Handoff resolved [" + trigger.name() + "] on " + edge + lasted + ": " + reading.detail() + ".");
		ObjectNode data = message.putObject("handoff");
		data.put("kind", "resolved");
		data.put("trigger", trigger.name());
		data.put("edge", edge);
		data.put("measured", reading.detail());
		return message;
	}

	/** The UI page that shows what the trigger is about. */
	private static String queue(Trigger trigger, String edge) {
		return switch (trigger.when()) {
			case OUTBOX_AGE -> "/ui/edges";
			case DRIFT_AGE -> "/ui/drift?edge=" + edge;
			case REJECTS, OPEN_REJECT_AGE -> "/ui/rejects?edge=" + edge + "&status=open";
		};
	}

	@Override
	public void start() {
		poller.start();
	}

	@Override
	public void stop() {
		poller.stop();
	}

	@Override
	public boolean isRunning() {
		return poller.isRunning();
	}

}
