package dev.handoff.contract;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code contracts} in {@code /actuator/health}: what is in force and, after a refused
 * edit, why it was refused. It stays UP then, because the last good set still judges
 * every message.
 */
@Component("contracts")
class ContractsHealth implements HealthIndicator {

	private final ContractRegistry registry;

	ContractsHealth(ContractRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Health health() {
		ContractRegistry.Loaded loaded = registry.loaded();
		Health.Builder health = Health.up()
			.withDetail("contracts", loaded.set().contracts().size())
			.withDetail("loadedAt", loaded.loadedAt().toString());
		registry.lastFailure()
			.ifPresent(f -> health.withDetail("lastError", f.message()).withDetail("lastErrorAt", f.at().toString()));
		return health.build();
	}

}
