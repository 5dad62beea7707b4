package dev.handoff.contract;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a check on its own daemon thread every so often until stopped. A check that throws
 * is logged and the next one still runs: a watcher must outlive a surprise, or edits
 * would silently stop being seen.
 */
public final class Poller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Poller.class);

	private final String name;

	private final Duration every;

	private final Runnable check;

	private ScheduledExecutorService executor;

	public Poller(String name, Duration every, Runnable check) {
		this.name = name;
		this.every = every;
		this.check = check;
	}

	/** Starts polling; a zero or negative interval means never. */
	@Override
	public synchronized void start() {
		if (every.toMillis() <= 0 || executor != null) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, name);
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(() -> {
			try {
				check.run();
			}
			catch (RuntimeException e) {
				log.error("{} failed; trying again in {}", name, every, e);
			}
		}, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops after the check in progress, without interrupting it: a check may be writing
	 * to H2, which an interrupt breaks.
	 */
	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}

}
