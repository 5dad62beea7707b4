package dev.handoff.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores the outcomes of concurrent edge requests in shared transactions: one writer
 * takes whatever is waiting and commits it at once, so many senders pay for one durable
 * commit instead of one each. A sender is answered only after the commit that holds its
 * outcome, so a 2xx still survives {@code kill -9}. Nothing waits for company: a lone
 * request is committed as soon as the writer is free, which is what lets commits group
 * only when requests really overlap.
 */
@Component
public class GroupCommit implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private record Unit(Runnable work, CompletableFuture<Void> done) {
	}

	private final TransactionTemplate transactions;

	private final EdgeProperties.GroupCommit settings;

	private final BlockingQueue<Unit> waiting = new LinkedBlockingQueue<>();

	private final Thread writer;

	private volatile boolean closed;

	GroupCommit(TransactionTemplate transactions, EdgeProperties properties) {
		this.transactions = transactions;
		this.settings = properties.groupCommit();
		this.writer = new Thread(this::write, "handoff-commit");
		this.writer.setDaemon(true);
		if (settings.enabled()) {
			writer.start();
		}
	}

	/**
	 * Runs {@code work} in a committed transaction and returns after the commit; throws
	 * what the work (or its commit) threw, after a rollback that took nothing else with
	 * it.
	 */
	public void run(Runnable work) {
		if (!settings.enabled() || closed || TransactionSynchronizationManager.isActualTransactionActive()
				|| Thread.currentThread() == writer) {
			// a caller's own transaction must hold its work; after shutdown there is no
			// writer to wait for
			alone(work);
			return;
		}
		Unit unit = new Unit(work, new CompletableFuture<>());
		waiting.add(unit);
		if (closed && waiting.remove(unit)) {
			// the writer may have drained its last batch before this was added
			alone(work);
			return;
		}
		try {
			unit.done().join();
		}
		catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (e.getCause() instanceof Error cause) {
				throw cause;
			}
			throw e;
		}
	}

	/** How many outcomes wait for the writer (for tests and a gauge). */
	int waiting() {
		return waiting.size();
	}

	private void alone(Runnable work) {
		transactions.executeWithoutResult(tx -> work.run());
	}

	private void write() {
		List<Unit> batch = new ArrayList<>();
		while (!closed || !waiting.isEmpty()) {
			try {
				Unit first = waiting.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				waiting.drainTo(batch, settings.maxBatch() - 1);
				commit(batch);
			}
			catch (InterruptedException e) {
				// only close() stops the writer, after what waits is stored
			}
			catch (Throwable e) {
				log.error("group commit: unexpected failure; the batch's senders get it as their error", e);
				batch.forEach(unit -> unit.done().completeExceptionally(e));
			}
			finally {
				batch.clear();
			}
		}
	}

	private void commit(List<Unit> batch) {
		if (batch.size() == 1) {
			commitAlone(batch.get(0));
			return;
		}
		try {
			transactions.executeWithoutResult(tx -> batch.forEach(unit -> unit.work().run()));
		}
		catch (RuntimeException | Error e) {
			// one outcome failed (e.g. an idempotency key taken meanwhile) and the whole
			// batch rolled back:
			// each is stored again on its own, so only the one that failed sees its
			// failure
			batch.forEach(this::commitAlone);
			return;
		}
		batch.forEach(unit -> unit.done().complete(null));
	}

	private void commitAlone(Unit unit) {
		try {
			alone(unit.work());
			unit.done().complete(null);
		}
		catch (RuntimeException | Error e) {
			unit.done().completeExceptionally(e);
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		closed = true;
		writer.join(TimeUnit.SECONDS.toMillis(30));
	}

}
