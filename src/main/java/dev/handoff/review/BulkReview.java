package dev.handoff.review;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.handoff.access.Caller;
import dev.handoff.api.ConflictException;
import dev.handoff.audit.AuditLog;
import dev.handoff.edge.Replay;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectFilter;
import dev.handoff.reject.RejectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Bulk replay and discard of everything a filter selects (the common case: a contract was
 * wrong, it is fixed, the rejects it caused go again). A preview counts what today's
 * contracts and truth would accept; a run replays one reject at a time, each in its own
 * transaction, so running it twice (or on two instances) delivers nothing twice, and a
 * cancel stops it between two rejects.
 */
@Service
public class BulkReview implements DisposableBean {

	/** The most one bulk call selects; call again for more. */
	public static final int LIMIT = 10_000;

	/** How many finished jobs are remembered for GET. */
	private static final int KEEP = 100;

	private static final Logger log = LoggerFactory.getLogger(BulkReview.class);

	private final RejectStore rejects;

	private final Replay replay;

	private final Review review;

	private final AuditLog audit;

	private final Map<String, BulkJob> jobs = new LinkedHashMap<>();

	private final Deque<String> finished = new ArrayDeque<>();

	private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
		Thread thread = new Thread(r, "handoff-bulk-review");
		thread.setDaemon(true);
		return thread;
	});

	BulkReview(RejectStore rejects, Replay replay, Review review, AuditLog audit) {
		this.rejects = rejects;
		this.replay = replay;
		this.review = review;
		this.audit = audit;
	}

	/**
	 * What a bulk replay would select, and how many of those today's contracts and truth
	 * would accept.
	 */
	public Preview preview(RejectFilter filter) {
		List<String> ids = rejects.ids(filter.withStatus(Reject.Status.OPEN), LIMIT);
		int accept = 0;
		for (String id : ids) {
			Reject reject = rejects.find(id).orElse(null);
			if (reject != null && replay.wouldAccept(reject)) {
				accept++;
			}
		}
		return new Preview(ids.size(), accept, ids.size() - accept, ids.size() == LIMIT);
	}

	/** The counts of a preview; {@code more} says the selection stopped at the limit. */
	public record Preview(int selected, int wouldAccept, int wouldRejectAgain, boolean more) {
	}

	/** Replays what the filter selects; in the background when {@code wait} is false. */
	public BulkJob.View replay(RejectFilter filter, Caller caller, boolean wait) {
		return start("replay", filter, caller, wait, (job, reject) -> {
			Replay.Outcome outcome = review.replay(reject, null, job.actor(), job.id());
			if (outcome.accepted()) {
				job.accepted();
			}
			else {
				job.rejected();
			}
		}, Map.of());
	}

	/** Discards what the filter selects, with one reason for all. */
	public BulkJob.View discard(RejectFilter filter, String reason, Caller caller, boolean wait) {
		if (reason == null || reason.isBlank()) {
			throw new BadRequest(
					"a discard needs a reason (JSON body {\"reason\": \"...\"}): it is kept in the audit trail");
		}
		return start("discard", filter, caller, wait, (job, reject) -> {
			review.discard(reject, reason, job.actor(), job.id());
			job.accepted();
		}, Map.of("reason", reason));
	}

	public Optional<BulkJob.View> find(String id) {
		synchronized (jobs) {
			return Optional.ofNullable(jobs.get(id)).map(BulkJob::view);
		}
	}

	public List<BulkJob.View> list() {
		synchronized (jobs) {
			List<BulkJob.View> newestFirst = new java.util.ArrayList<>(
					jobs.values().stream().map(BulkJob::view).toList());
			java.util.Collections.reverse(newestFirst);
			return newestFirst;
		}
	}

	/**
	 * Asks a running job to stop before its next reject; empty when there is no such job,
	 * false when it already ended.
	 */
	public Optional<Boolean> cancel(String id, Caller caller) {
		BulkJob job;
		synchronized (jobs) {
			job = jobs.get(id);
		}
		if (job == null) {
			return Optional.empty();
		}
		boolean cancelled = job.cancel();
		if (cancelled) {
			audit.record(caller.name(), "bulk-cancel", id, "cancel-requested", Map.of("done", job.view().done()));
		}
		return Optional.of(cancelled);
	}

	private interface Step {

		void run(BulkJob job, Reject reject);

	}

	private BulkJob.View start(String action, RejectFilter filter, Caller caller, boolean wait, Step step,
			Map<String, Object> extra) {
		RejectFilter open = filter.withStatus(Reject.Status.OPEN);
		BulkJob job = new BulkJob(UUID.randomUUID().toString(), action, caller.name(), open, rejects.ids(open, LIMIT));
		Map<String, Object> detail = new LinkedHashMap<>(extra);
		detail.put("filter", open);
		detail.put("selected", job.selected().size());
		audit.record(caller.name(), "bulk-" + action, job.id(), "started", detail);
		synchronized (jobs) {
			jobs.put(job.id(), job);
		}
		if (wait) {
			run(job, step);
		}
		else {
			background.execute(() -> run(job, step));
		}
		return job.view();
	}

	private void run(BulkJob job, Step step) {
		try {
			for (String id : job.selected()) {
				if (job.cancelRequested()) {
					break;
				}
				Reject reject = rejects.find(id).orElse(null);
				if (reject == null || reject.status() != Reject.Status.OPEN) {
					job.skipped();
					continue;
				}
				try {
					step.run(job, reject);
				}
				catch (ConflictException raced) {
					// replayed or discarded by someone else (another run, another
					// instance) since it was selected
					job.skipped();
				}
			}
			job.finish();
		}
		catch (RuntimeException e) {
			log.error("Bulk {} {} stopped: {}", job.action(), job.id(), e.getMessage(), e);
			job.fail();
		}
		BulkJob.View view = job.view();
		audit.record(job.actor(), "bulk-" + job.action(), job.id(), view.status(),
				Map.of("selected", view.selected(), "accepted", view.accepted(), "rejectedAgain", view.rejectedAgain(),
						"skipped", view.skipped(), "remaining", view.remaining()));
		remember(job);
	}

	private void remember(BulkJob job) {
		synchronized (jobs) {
			finished.addLast(job.id());
			while (finished.size() > KEEP) {
				jobs.remove(finished.removeFirst());
			}
		}
	}

	@Override
	public void destroy() {
		// a job cut off here has replayed each reject it reached in its own transaction;
		// the rest stay open
		synchronized (jobs) {
			jobs.values().forEach(BulkJob::cancel);
		}
		background.shutdown();
	}

}
