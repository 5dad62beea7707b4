package dev.handoff.contract;

import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Looks at the contracts folder every few seconds and reloads it when a file changed.
 * Polling a fingerprint, rather than file-system events, works the same on every file
 * system and in containers.
 */
@Configuration(proxyBeanMethods = false)
class ContractWatcher {

	@Bean
	Poller contractWatching(ContractRegistry registry, ContractProperties properties) {
		if (properties.reloadInterval().isZero()) {
			LoggerFactory.getLogger(ContractWatcher.class)
				.info("Contract reloading is off (handoff.contracts.reload-interval=0)");
		}
		return new Poller("handoff-contract-watcher", properties.reloadInterval(), () -> registry.reload(false));
	}

}
