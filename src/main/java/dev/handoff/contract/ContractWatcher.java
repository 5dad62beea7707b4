package dev.handoff.contract;

import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks at the contracts folder every few seconds and reloads it when a file changed. Polling a
 * fingerprint, rather than file-system events, works the same on every file system and in containers.
 */
@Component
class ContractWatcher implements SmartLifecycle {

	private final Poller poller;

	ContractWatcher(ContractRegistry registry, ContractProperties properties) {
		this.poller = new Poller("handoff-contract-watcher", properties.reloadInterval(), () -> registry.reload(false));
		if (properties.reloadInterval().isZero()) {
			LoggerFactory.getLogger(ContractWatcher.class).info("Contract reloading is off (handoff.contracts.reload-interval=0)");
		}
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
