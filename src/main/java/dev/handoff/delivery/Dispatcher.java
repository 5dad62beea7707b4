package dev.handoff.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.handoff.metrics.DeliveryMetrics;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import dev.handoff.truth.ArtifactStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due outbox rows to their tools, a bounded number at once. A failed attempt is
 * retried after the edge's retry waits; after the last one, or on an answer that retrying
 * cannot change (a 4xx other than 408 and 429, such as 410 Gone), the message goes to the
 * rejected queue with rule {@code delivery}.
 * <p>
 * A row stored by this instance is handed to it in memory once its transaction commits
 * ({@link #store}), leased to it from the start, so it is sent without being claimed or
 * read back; the database is read to claim only what waits there: retries come due, rows
 * stored while the hand-over was full, and rows a stopped or crashed instance left.
 */
@Component
public class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final OutboxStore outbox;

	private final RejectStore rejects;

	private final HttpSender sender;

	private final CamelSender camel;

	private final ArtifactStore artifacts;

	private final DeliveryProperties properties;

	private final TransactionTemplate transactions;

	private final Handover handover;

	/**
	 * When the database is looked at next, unless nudged or a backlog is being worked
	 * off.
	 */
	private Instant nextPoll = Instant.MIN;

	/** The last claim took a full batch: more may be due at once. */
	private boolean backlog;

	/**
	 * How long the outcomes of sends may wait to be written together. Their rows stay
	 * leased meanwhile, so nothing else sends them; a crash in this window means those
	 * messages are sent again under the same key, as a crash during a send does. At a few
	 * hundred messages a second this turns one commit per pass into one per batch, and a
	 * commit is what a delivery costs most (bench/RESULTS.md).
	 */
	private static final Duration OUTCOMES_WAIT = Duration.ofMillis(250);

	/** Outcomes known but not written yet (only the dispatcher thread touches these). */
	private final List<Outcome> unwritten = new ArrayList<>();

	/** When the oldest unwritten outcome must be written. */
	private Instant writeBy = Instant.MAX;

	private volatile Thread thread;

	private volatile boolean stopping;

	/** Names this process on the rows it leases. */
	private final String instance = UUID.randomUUID().toString();

	/**
	 * How long a claim holds unless renewed: a crashed instance's rows are free again
	 * this soon.
	 */
	private final Duration lease;

	/**
	 * The rows this instance claimed and has not written an outcome for yet: their leases
	 * are renewed while it lives.
	 */
	private volatile List<String> held = List.of();

	private ExecutorService senders;

	private ScheduledExecutorService heartbeat;

	private final DeliveryMetrics metrics;

	/**
	 * What the stop needs besides letting sends finish: the edges' and Camel's own stop,
	 * giving leases back.
	 */
	private static final Duration REST_OF_STOP = Duration.ofSeconds(5);

	/**
	 * The grace period of a stop ({@code spring.lifecycle.timeout-per-shutdown-phase}).
	 */
	private final Duration grace;

	Dispatcher(OutboxStore outbox, RejectStore rejects, HttpSender sender, CamelSender camel, ArtifactStore artifacts,
			DeliveryProperties properties, TransactionTemplate transactions, DeliveryMetrics metrics,
			@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration grace) {
		this.grace = grace;
		this.outbox = outbox;
		this.camel = camel;
		this.artifacts = artifacts;
		this.rejects = rejects;
		this.sender = sender;
		this.properties = properties;
		this.transactions = transactions;
		this.metrics = metrics;
		this.lease = properties.lease();
		this.handover = new Handover(properties.batchSize());
	}

	/**
	 * Stores a new outbox row in the caller's transaction. While this instance delivers
	 * and its hand-over has room, the row is stored leased to it and handed to the
	 * dispatcher in memory when the transaction commits (nothing when it rolls back);
	 * else it is stored unleased for a poll, here or on another instance, and the
	 * dispatcher is nudged after the commit. Called outside a transaction, the row
	 * commits at once.
	 */
	public void store(OutboxEntry entry) {
		boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
		if (inTransaction && thread != null && !stopping && handover.reserve()) {
			TransactionSynchronizationManager.registerSynchronization(new Staged(entry));
			outbox.insert(entry, instance, Instant.now().plus(lease));
			return;
		}
		outbox.insert(entry);
		if (inTransaction) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					handover.nudge();
				}
			});
		}
		else {
			handover.nudge();
		}
	}

	/** A row stored leased to this instance: the dispatcher's once committed. */
	private final class Staged implements TransactionSynchronization {

		private final OutboxEntry entry;

		Staged(OutboxEntry entry) {
			this.entry = entry;
		}

		@Override
		public void afterCompletion(int status) {
			// an unknown outcome counts as none: if the row was stored, its lease runs
			// out and a poll claims it
			if (status == STATUS_COMMITTED) {
				handover.put(entry);
			}
			else {
				handover.cancel();
			}
		}

	}

	/**
	 * Tells the dispatcher that a row was committed to the database outside
	 * {@link #store} (a row put back in line), so it need not wait for the next poll.
	 */
	public void nudge() {
		handover.nudge();
	}

	@Override
	public void start() {
		if (!properties.enabled()) {
			log.warn("Delivery is disabled (handoff.delivery.enabled=false): accepted messages stay in the outbox");
			return;
		}
		senders = Executors.newFixedThreadPool(properties.concurrency(), r -> {
			Thread sender = new Thread(r, "handoff-sender");
			sender.setDaemon(true);
			return sender;
		});
		heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread renewer = new Thread(r, "handoff-lease");
			renewer.setDaemon(true);
			return renewer;
		});
		long every = lease.toMillis() / 3;
		heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
		thread = new Thread(this::run, "handoff-dispatcher");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Keeps the rows in hand while a slow send or a long batch is under way; stops when
	 * this process dies.
	 */
	private void renew() {
		List<String> ids = Stream.concat(held.stream(), handover.waiting().stream()).toList();
		if (ids.isEmpty()) {
			return;
		}
		try {
			outbox.renew(ids, instance, Instant.now().plus(lease));
		}
		catch (RuntimeException e) {
			// the next beat tries again; if the leases run out meanwhile another instance
			// may send a row again, under the same key
			log.warn("Could not renew the leases of {} message(s) being sent: {}", ids.size(), e.getMessage());
		}
	}

	@Override
	public void stop() {
		Thread running = thread;
		if (running == null) {
			return;
		}
		stopping = true;
		handover.wake();
		// sends not begun are skipped (they stay due); sends under way may finish and
		// have their outcome written, so a
		// tool that already has a message is not sent it again by the next instance, for
		// as long as the grace period
		// leaves room: a tool that does not answer must not hold the stop past it
		senders.shutdown();
		join(running, sendsMayFinishWithin());
		// only HTTP calls run there, never a database call: interrupting what is left is
		// safe. A send abandoned so was
		// not an attempt; its message stays due under the same key, and the pass writes
		// what it knows
		senders.shutdownNow();
		join(running, Duration.ofSeconds(2));
		thread = null;
		// the renewer touches the database: it is let finish its beat, never interrupted
		// (H2 closes its file on an interrupt)
		heartbeat.shutdown();
		try {
			heartbeat.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		// rows claimed but not sent go back at once, rather than waiting for their lease
		// to run out
		int released = outbox.release(instance);
		if (released > 0) {
			log.info("Gave back {} claimed message(s) not sent before the stop; they stay due", released);
		}
	}

	/**
	 * How long the stop lets sends under way finish: their request timeout, but never
	 * more than the grace period ({@code spring.lifecycle.timeout-per-shutdown-phase})
	 * less what the rest of the stop needs.
	 */
	Duration sendsMayFinishWithin() {
		Duration rest = grace.minus(REST_OF_STOP);
		Duration own = properties.requestTimeout().plusSeconds(1);
		return rest.compareTo(own) < 0 ? (rest.isNegative() ? Duration.ZERO : rest) : own;
	}

	private static void join(Thread thread, Duration within) {
		try {
			thread.join(Math.max(1, within.toMillis()));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return thread != null;
	}

	private void run() {
		// Camel starts after the application's lifecycle beans: until then a Camel target
		// could only fail, and each
		// failure would spend one of the message's attempts
		while (!stopping && !camel.ready()) {
			handover.await(properties.pollInterval());
		}
		while (!stopping) {
			try {
				pass();
				if (!backlog && !stopping) {
					Instant until = writeBy.isBefore(nextPoll) ? writeBy : nextPoll;
					handover.await(Duration.between(Instant.now(), until));
				}
			}
			catch (RuntimeException e) {
				log.error("Outbox pass failed; trying again after the poll interval", e);
				handover.await(properties.pollInterval());
			}
		}
		try {
			if (!unwritten.isEmpty()) {
				write();
			}
		}
		catch (RuntimeException e) {
			log.warn("Could not write the outcomes of {} send(s) at the stop; they will be sent again: {}",
					unwritten.size(), e.getMessage());
		}
	}

	/**
	 * Sends what is due: the rows handed over in memory, and what a claim takes from the
	 * database when its poll is due, it was nudged, or the last claim found a backlog.
	 * Returns how many rows it took.
	 */
	int pass() {
		Instant now = Instant.now();
		List<OutboxEntry> due = new ArrayList<>(handover.take(properties.batchSize()));
		metrics.taken(DeliveryMetrics.Source.MEMORY, due.size());
		if (handover.nudged() || backlog || !now.isBefore(nextPoll)) {
			List<OutboxEntry> claimed = outbox.claim(now, properties.batchSize(), instance, now.plus(lease));
			backlog = claimed.size() == properties.batchSize();
			nextPoll = now.plus(properties.pollInterval());
			metrics.taken(DeliveryMetrics.Source.DATABASE, claimed.size());
			due.addAll(claimed);
		}
		held = Stream.concat(due.stream(), unwritten.stream().map(Outcome::entry)).map(OutboxEntry::id).toList();
		try {
			return send(due);
		}
		finally {
			held = unwritten.stream().map(o -> o.entry().id()).toList();
		}
	}

	private int send(List<OutboxEntry> due) {
		// what the tools made for these campaigns, read here: the sender threads never
		// touch the database
		Map<String, String> made = new HashMap<>();
		for (OutboxEntry entry : due) {
			if (remembers(entry)) {
				artifacts.find(entry.edge(), entry.campaign()).ifPresent(id -> made.put(entry.id(), id));
			}
		}
		// only the HTTP calls run on the sender threads: they may be interrupted at a
		// stop, and H2 must never see
		// an interrupted thread (it closes its file channel); the outcomes are written
		// here, on this thread
		List<Future<DeliveryMetrics.Timed<HttpSender.Attempt>>> sends = new ArrayList<>();
		for (OutboxEntry entry : due) {
			// a send that has not begun when the service stops is not begun at all: it
			// stays due
			String artifact = made.get(entry.id());
			sends.add(senders.submit(() -> stopping ? null : DeliveryMetrics.time(() -> send(entry, artifact))));
		}
		// outcomes are written together, in one transaction, once they are due
		// (writeIfDue), also before waiting for a send still under way: one commit for
		// many rows, and no outcome waits long for a slow send of another row
		for (int i = 0; i < due.size(); i++) {
			try {
				if (!sends.get(i).isDone()) {
					writeIfDue();
				}
				DeliveryMetrics.Timed<HttpSender.Attempt> sent = sends.get(i).get();
				HttpSender.Attempt attempt = sent == null ? null : sent.value();
				// a send cut short by the stop, or refused by a Camel that is stopping,
				// says nothing about the tool: not an attempt
				if (attempt != null && !((stopping || !camel.ready()) && attempt.status() == 0)) {
					keep(new Outcome(due.get(i), attempt, sent.took()));
				}
			}
			catch (ExecutionException e) {
				log.error("Sending {} failed unexpectedly; it stays due", due.get(i).id(), e.getCause());
			}
			catch (CancellationException e) {
				// stopping: a send that had not begun stays due; its lease is given back
				// in stop()
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return due.size();
			}
		}
		writeIfDue();
		return due.size();
	}

	private void keep(Outcome outcome) {
		if (unwritten.isEmpty()) {
			writeBy = Instant.now().plus(OUTCOMES_WAIT);
		}
		unwritten.add(outcome);
	}

	/**
	 * Writes the unwritten outcomes when they have waited long enough, fill a batch, the
	 * service is stopping, or one of them names what a tool made: the next message of
	 * that campaign must find it, or the tool would be asked to make it again.
	 */
	private void writeIfDue() {
		if (!unwritten.isEmpty() && (stopping || unwritten.size() >= properties.batchSize()
				|| !Instant.now().isBefore(writeBy) || unwritten.stream().anyMatch(o -> o.attempt().made() != null))) {
			write();
		}
	}

	/**
	 * An http(s) URL goes through the http client; any other Camel endpoint (direct:,
	 * kafka:, ...) through Camel.
	 */
	private HttpSender.Attempt send(OutboxEntry entry, String artifact) {
		if (TargetGuard.isHttp(entry.target())) {
			DeliveryOptions options = DeliveryOptions.parse(entry.options());
			return sender.send(entry, options.call(entry.target(), artifact),
					artifact == null ? options.remember() : null);
		}
		return camel.send(entry, artifact);
	}

	/**
	 * Whether the target may update what its tool made: an http target that remembers, or
	 * a delivery route.
	 */
	private static boolean remembers(OutboxEntry entry) {
		return entry.campaign() != null
				&& (!TargetGuard.isHttp(entry.target()) || DeliveryOptions.parse(entry.options()).remember() != null);
	}

	/** What one attempt got, with how long its send took. */
	private record Outcome(OutboxEntry entry, HttpSender.Attempt attempt, Duration took) {

		int attempts() {
			return entry.attempts() + 1;
		}

		OutboxStore.Attempted attempted() {
			return new OutboxStore.Attempted(entry.id(), attempts(), attempt.status(), attempt.outcome());
		}

	}

	/**
	 * Writes the unwritten outcomes in one transaction: each attempt's history row, and
	 * the delivered rows' new status, as one batch of statements each; a retry or a
	 * failure row by row. A failure leaves those rows leased, to be sent again after the
	 * lease. The attempts are counted once the transaction has committed.
	 */
	private void write() {
		List<Outcome> outcomes = List.copyOf(unwritten);
		unwritten.clear();
		writeBy = Instant.MAX;
		List<String> results = transactions.execute(tx -> {
			outbox.recordAttempts(outcomes.stream().map(Outcome::attempted).toList());
			List<Outcome> delivered = outcomes.stream().filter(o -> o.attempt().delivered()).toList();
			outbox.delivered(delivered.stream().map(Outcome::attempted).toList());
			outbox.deliveredVersions(delivered.stream().map(Outcome::entry).toList());
			return outcomes.stream().map(this::record).toList();
		});
		for (int i = 0; i < outcomes.size(); i++) {
			Outcome outcome = outcomes.get(i);
			metrics.attempted(outcome.entry().edge(), results.get(i), outcome.took());
		}
	}

	/**
	 * Writes what else came of an attempt, its history row and a delivery being written
	 * already: the id the tool made, a retry's due time, or a failure's reject. Returns
	 * it as {@code delivered}, {@code retry} or {@code failed}.
	 */
	private String record(Outcome outcome) {
		OutboxEntry entry = outcome.entry();
		HttpSender.Attempt attempt = outcome.attempt();
		RetryPolicy policy = properties.retryPolicy(entry.edge());
		int attempts = outcome.attempts();
		if (attempt.delivered()) {
			if (attempt.made() != null && entry.campaign() != null) {
				artifacts.remember(entry.edge(), entry.campaign(), attempt.made(), entry.id());
			}
			return DeliveryMetrics.DELIVERED;
		}
		else if (attempt.retryable() && policy.after(attempts, attempt.retryAfter()).isPresent()) {
			Instant next = Instant.now().plus(policy.after(attempts, attempt.retryAfter()).get());
			outbox.retryAt(entry.id(), attempts, attempt.outcome(), next);
			log.info("Delivery of {} on {} failed ({}); attempt {} of {} at {}", entry.id(), entry.edge(),
					attempt.outcome(), attempts + 1, policy.attempts(), next);
			return DeliveryMetrics.RETRY;
		}
		else {
			outbox.failed(entry.id(), attempts, attempt.outcome());
			rejects.insert(Reject.undelivered(UUID.randomUUID().toString(), entry.edge(), entry.contract(),
					entry.contractSha256(), entry.campaign(), entry.accepted(),
					Undelivered.violation(entry.edge(), entry.target(), attempt.outcome(), attempts), entry.id()));
			log.warn("Delivery of {} on {} gave up after {} attempt(s): {}", entry.id(), entry.edge(), attempts,
					attempt.outcome());
			return DeliveryMetrics.FAILED;
		}
	}

}
