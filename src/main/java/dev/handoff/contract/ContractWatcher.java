package dev.handoff.contract;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks at the contracts folder every few seconds and reloads it when a file changed. Polling a
 * fingerprint, rather than file-system events, works the same on every file system and in containers.
 */
@Component
class ContractWatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ContractWatcher.class);

	private final ContractRegistry registry;

	private final ContractProperties properties;

	private ScheduledExecutorService executor;

	ContractWatcher(ContractRegistry registry, ContractProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		long every = properties.reloadInterval().toMillis();
		if (every <= 0) {
			log.info("Contract reloading is off (handoff.contracts.reload-interval=0)");
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "handoff-contract-watcher");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
	}

	private void check() {
		try {
			registry.reload(false);
		}
		catch (RuntimeException e) {
			// the watcher must outlive a surprise, or edits would silently stop being picked up
			log.error("Checking the contracts folder failed; trying again", e);
		}
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}
}
