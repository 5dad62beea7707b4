package dev.handoff.review;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.handoff.reject.RejectFilter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One bulk replay or discard in progress: what it selected, how far it got, and whether
 * someone cancelled it.
 */
final class BulkJob {

	private final String id;

	private final String action;

	private final String actor;

	private final RejectFilter filter;

	private final List<String> selected;

	private final Instant startedAt = Instant.now();

	private final AtomicInteger accepted = new AtomicInteger();

	private final AtomicInteger rejected = new AtomicInteger();

	private final AtomicInteger skipped = new AtomicInteger();

	private final AtomicBoolean cancelRequested = new AtomicBoolean();

	private volatile String status = "running";

	private volatile Instant finishedAt;

	BulkJob(String id, String action, String actor, RejectFilter filter, List<String> selected) {
		this.id = id;
		this.action = action;
		this.actor = actor;
		this.filter = filter;
		this.selected = List.copyOf(selected);
	}

	String id() {
		return id;
	}

	String action() {
		return action;
	}

	String actor() {
		return actor;
	}

	List<String> selected() {
		return selected;
	}

	void accepted() {
		accepted.incrementAndGet();
	}

	void rejected() {
		rejected.incrementAndGet();
	}

	void skipped() {
		skipped.incrementAndGet();
	}

	boolean cancel() {
		return status.equals("running") && cancelRequested.compareAndSet(false, true);
	}

	boolean cancelRequested() {
		return cancelRequested.get();
	}

	void finish() {
		finishedAt = Instant.now();
		status = cancelRequested.get() ? "cancelled" : "done";
	}

	void fail() {
		finishedAt = Instant.now();
		status = "failed";
	}

	boolean running() {
		return status.equals("running");
	}

	View view() {
		int done = accepted.get() + rejected.get() + skipped.get();
		return new View(id, action, actor, status, filter, selected.size(), done, accepted.get(), rejected.get(),
				skipped.get(), selected.size() - done, startedAt, finishedAt);
	}

	/**
	 * What a job shows: for a replay {@code accepted} and {@code rejectedAgain}; for a
	 * discard {@code accepted} counts the discarded; {@code skipped} were no longer open
	 * when their turn came, {@code remaining} were never reached.
	 */
	record View(String id, String action, String actor, String status, RejectFilter filter, int selected, int done,
			int accepted, int rejectedAgain, int skipped, int remaining, Instant startedAt,
			@Schema(nullable = true) Instant finishedAt) {
	}

}
