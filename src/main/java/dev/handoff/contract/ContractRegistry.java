package dev.handoff.contract;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The contracts in force. Loaded at start, so a bad contract stops the service before it
 * takes a message; reloaded when the folder changes, swapping the whole set at once, so
 * every message is judged by one complete set. A bad edit is refused: the last good set
 * stays and the error is kept for display.
 */
@Component
public class ContractRegistry {

	private static final Logger log = LoggerFactory.getLogger(ContractRegistry.class);

	private final Path folder;

	private final AtomicReference<Loaded> current;

	private final List<Function<ContractSet, List<String>>> requirements = new CopyOnWriteArrayList<>();

	private volatile Failure lastFailure;

	public ContractRegistry(ContractProperties properties) {
		this.folder = properties.dir().toAbsolutePath().normalize();
		ContractSet set = new ContractLoader().load(folder);
		String fingerprint = fingerprint(folder);
		set.contracts()
			.values()
			.forEach(c -> log.info("Loaded contract {} ({}) sha256={}", c.name(), c.file(), c.sha256()));
		this.current = new AtomicReference<>(new Loaded(set, Instant.now(), fingerprint));
	}

	/** The set in force and when it was loaded. */
	public record Loaded(ContractSet set, Instant loadedAt, String fingerprint) {
	}

	/** Why the last reload was refused, and when. */
	public record Failure(Instant at, String message, List<ContractProblem> problems) {
	}

	public ContractSet current() {
		return current.get().set();
	}

	public Loaded loaded() {
		return current.get();
	}

	public Optional<Failure> lastFailure() {
		return Optional.ofNullable(lastFailure);
	}

	public Optional<Contract> find(String name) {
		return current().find(name);
	}

	/**
	 * Adds a check a new set must pass before it replaces the current one (e.g. every
	 * route's contract is there).
	 */
	public void require(Function<ContractSet, List<String>> requirement) {
		requirements.add(requirement);
	}

	/**
	 * Reloads when the folder changed (or when forced); true when a new set is now in
	 * force.
	 */
	public synchronized boolean reload(boolean force) {
		String fingerprint;
		try {
			fingerprint = fingerprint(folder);
		}
		catch (UncheckedIOException e) {
			return refuse(List
				.of(new ContractProblem(folder.toString(), "", "cannot be read: " + e.getCause().getMessage())));
		}
		if (!force && fingerprint.equals(current.get().fingerprint())) {
			return false;
		}
		ContractSet set;
		try {
			set = new ContractLoader().load(folder);
		}
		catch (InvalidContractsException e) {
			return refuse(e.problems());
		}
		List<ContractProblem> unmet = new ArrayList<>();
		requirements.forEach(r -> r.apply(set).forEach(p -> unmet.add(new ContractProblem(folder.toString(), "", p))));
		if (!unmet.isEmpty()) {
			return refuse(unmet);
		}
		current.set(new Loaded(set, Instant.now(), fingerprint));
		lastFailure = null;
		set.contracts().values().forEach(c -> log.info("Reloaded contract {} sha256={}", c.name(), c.sha256()));
		return true;
	}

	private boolean refuse(List<ContractProblem> problems) {
		InvalidContractsException e = new InvalidContractsException(folder.toString(), problems);
		lastFailure = new Failure(Instant.now(), e.getMessage(), problems);
		log.error("Contracts not reloaded; the last good set stays in force. {}", e.getMessage());
		return false;
	}

	/**
	 * A hash over the name and content of every file the loader reads, so any edit shows.
	 */
	static String fingerprint(Path folder) {
		return FolderFingerprint
			.sha256(FolderFingerprint.of(folder, f -> true).toString().getBytes(StandardCharsets.UTF_8));
	}

}
