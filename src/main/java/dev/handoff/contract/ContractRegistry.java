package dev.handoff.contract;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The contracts in force. Loaded once at start, so a bad contract stops the service before it takes a
 * message; the current set is read per message so that a reload can later swap it atomically.
 */
@Component
public class ContractRegistry {

	private static final Logger log = LoggerFactory.getLogger(ContractRegistry.class);

	private final AtomicReference<ContractSet> current;

	public ContractRegistry(ContractProperties properties) {
		ContractSet set = new ContractLoader().load(properties.dir().toAbsolutePath().normalize());
		set.contracts().values().forEach(c -> log.info("Loaded contract {} ({}) sha256={}", c.name(), c.file(), c.sha256()));
		this.current = new AtomicReference<>(set);
	}

	public ContractSet current() {
		return current.get();
	}

	public Optional<Contract> find(String name) {
		return current.get().find(name);
	}
}
