package dev.handoff.edge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import dev.handoff.contract.ContractProblem;
import dev.handoff.contract.ContractRegistry;
import dev.handoff.contract.FolderFingerprint;
import dev.handoff.contract.Poller;
import dev.handoff.inbound.InboundAuth;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Reloads route files that changed while the service runs. A changed set is checked
 * first, as lint would check it; a bad one is refused and the routes in force stay. A
 * file that Camel still fails to build is put back as it was, so an edge never disappears
 * because of an edit.
 */
@Component
public class RouteWatcher implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger log = LoggerFactory.getLogger(RouteWatcher.class);

	private CamelContext camel;

	private final EdgeRegistry edges;

	private final ContractRegistry contracts;

	private final InboundAuth inbound;

	private final Path folder;

	private final Duration every;

	private final Map<Path, byte[]> lastGood = new HashMap<>();

	/** The content each file had when last looked at, applied or refused. */
	private Map<Path, String> seen = Map.of();

	private final Map<Path, List<ContractProblem>> refusedFiles = new HashMap<>();

	private boolean ready;

	private volatile ContractRegistry.Failure lastFailure;

	private volatile Instant loadedAt = Instant.now();

	RouteWatcher(EdgeRegistry edges, ContractRegistry contracts, InboundAuth inbound,
			@Value("${HANDOFF_ROUTES_DIR:routes}") Path folder,
			@Value("${handoff.contracts.reload-interval:2s}") Duration every) {
		this.edges = edges;
		this.contracts = contracts;
		this.inbound = inbound;
		this.folder = folder.toAbsolutePath().normalize();
		this.every = every;
	}

	@Override
	public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
		// taken from the started application, not injected: an early CamelContext would
		// start before its routes are collected
		camel = event.getApplicationContext().getBean(CamelContext.class);
		seen = fingerprint();
		seen.keySet().forEach(this::remember);
		ready = true;
	}

	/** Looks at the folder every {@code handoff.contracts.reload-interval}. */
	Poller poller() {
		return new Poller("handoff-route-watcher", every, this::check);
	}

	public Optional<ContractRegistry.Failure> lastFailure() {
		return Optional.ofNullable(lastFailure);
	}

	public Instant loadedAt() {
		return loadedAt;
	}

	/**
	 * Looks at the folder once and applies each changed file on its own: a good file
	 * takes over, a bad one is refused (its routes in force stay) until it changes again.
	 * True when routes were reloaded.
	 */
	public synchronized boolean check() {
		if (!ready) {
			return false;
		}
		Map<Path, String> now = fingerprint();
		List<Path> changed = now.keySet().stream().filter(f -> !now.get(f).equals(seen.get(f))).toList();
		List<Path> removed = seen.keySet().stream().filter(f -> !now.containsKey(f)).toList();
		if (changed.isEmpty() && removed.isEmpty()) {
			return false;
		}
		List<ContractProblem> problems = new ArrayList<>();
		List<RouteFile> routes = RouteFile.read(folder, problems);
		problems.addAll(RouteChecks.problems(routes, c -> contracts.find(c).isPresent(), contracts.current().folder()));
		problems.addAll(RouteChecks.secrets(routes, inbound));
		Lock swapping = edges.swapping();
		swapping.lock();
		boolean applied;
		try {
			applied = apply(changed, removed, problems);
			edges.read(camel);
		}
		finally {
			swapping.unlock();
		}
		seen = now;
		report(changed, removed);
		if (applied) {
			loadedAt = Instant.now();
		}
		return applied;
	}

	/**
	 * Removes the routes of removed files and puts those of each changed file in force,
	 * or refuses it. True when anything was applied.
	 */
	private boolean apply(List<Path> changed, List<Path> removed, List<ContractProblem> problems) {
		removed.forEach(file -> {
			removeRoutesOf(file);
			refusedFiles.remove(file);
		});
		boolean applied = !removed.isEmpty();
		for (Path file : changed) {
			List<ContractProblem> mine = problems.stream().filter(p -> p.file().equals(file.toString())).toList();
			if (mine.isEmpty()) {
				try {
					update(file);
					refusedFiles.remove(file);
					applied = true;
				}
				catch (Exception e) {
					mine = List.of(new ContractProblem(file.toString(), "",
							"Camel could not build its routes: " + e.getMessage()));
				}
			}
			if (!mine.isEmpty()) {
				refusedFiles.put(file, mine);
			}
		}
		return applied;
	}

	private void report(List<Path> changed, List<Path> removed) {
		if (refusedFiles.isEmpty()) {
			lastFailure = null;
			log.info("Routes reloaded: changed {}, removed {}", names(changed), names(removed));
			return;
		}
		List<ContractProblem> all = refusedFiles.values().stream().flatMap(List::stream).toList();
		String message = "Route files refused; the routes they had stay in force:\n  - "
				+ String.join("\n  - ", all.stream().map(ContractProblem::toString).toList());
		lastFailure = new ContractRegistry.Failure(Instant.now(), message, all);
		log.error(message);
	}

	private static List<Path> names(List<Path> files) {
		return files.stream().map(Path::getFileName).toList();
	}

	private void update(Path file) throws Exception {
		try {
			PluginHelper.getRoutesLoader(camel).updateRoutes(List.of(resource(file, Files.readAllBytes(file))));
			remember(file);
		}
		catch (Exception e) {
			byte[] before = lastGood.get(file);
			if (before != null) {
				// put the edge back as it was: an edit must never make it disappear
				PluginHelper.getRoutesLoader(camel).updateRoutes(List.of(resource(file, before)));
			}
			else {
				removeRoutesOf(file);
			}
			throw e;
		}
	}

	/**
	 * A resource under the location Camel first loaded the file from, so its routes are
	 * replaced, not doubled.
	 */
	private Resource resource(Path file, byte[] bytes) {
		String location = definitionsOf(file).stream()
			.map(r -> r.getResource().getLocation())
			.findFirst()
			.orElse("file:" + file);
		return ResourceHelper.fromBytes(location, bytes);
	}

	private List<RouteDefinition> definitionsOf(Path file) {
		Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
		return model.getRouteDefinitions()
			.stream()
			.filter(r -> r.getResource() != null && Path.of(r.getResource().getLocation().replaceFirst("^file:", ""))
				.toAbsolutePath()
				.normalize()
				.equals(file))
			.toList();
	}

	private void remember(Path file) {
		try {
			lastGood.put(file, Files.readAllBytes(file));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void removeRoutesOf(Path file) {
		for (RouteDefinition route : definitionsOf(file)) {
			try {
				camel.getRouteController().stopRoute(route.getRouteId());
				camel.removeRoute(route.getRouteId());
			}
			catch (Exception e) {
				throw new IllegalStateException("cannot remove route " + route.getRouteId() + ": " + e.getMessage(), e);
			}
		}
		lastGood.remove(file);
	}

	private Map<Path, String> fingerprint() {
		return FolderFingerprint.of(folder, f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"));
	}

}
