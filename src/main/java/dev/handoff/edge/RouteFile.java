package dev.handoff.edge;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.handoff.contract.ContractProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * An edge as a route file declares it, read without starting Camel: the route id, the
 * {@code platform-http:} path it serves and the contract its {@code handoff:guard:} step
 * names.
 *
 * @param file the route file, as given
 * @param id the route id
 * @param path the edge's name: the last segment of its {@code /edges/} path, or the route
 * id of a route that guards on a path of its own (a tool's, such as {@code /v1/batch});
 * null for routes that are not HTTP edges
 * @param contract the guard's contract, or null when there is no guard step
 * @param batch true when the guard takes batches ({@code handoff:batch:})
 * @param steps the route's steps as written, for {@link RouteShape}
 * @param from the endpoint the route starts from, as written
 */
public record RouteFile(String file, String id, String path, String contract, boolean batch, List<Step> steps,
		String from) {

	static final String EDGE_PREFIX = "platform-http:/edges/";

	static final String HTTP_PREFIX = "platform-http:";

	static final String GUARD_PREFIX = "handoff:guard:";

	static final String BATCH_PREFIX = "handoff:batch:";

	/**
	 * A step that holds messages against a contract: {@code handoff:guard:<c>} or, event
	 * by event, {@code handoff:batch:<c>}.
	 */
	static boolean isGuard(String step) {
		return step.startsWith(GUARD_PREFIX) || step.startsWith(BATCH_PREFIX);
	}

	static String contractOf(String step) {
		return step.substring(step.indexOf(':', "handoff:".length()) + 1).replaceFirst("\\?.*$", "");
	}

	/** The path of a {@code platform-http:} endpoint URI, without its options. */
	static String httpPath(String uri) {
		return uri.substring(HTTP_PREFIX.length()).replaceFirst("\\?.*$", "");
	}

	/** Where senders post to this edge; null when it is not an HTTP edge. */
	String httpPath() {
		return path == null ? null : httpPath(from);
	}

	/** Whether it serves a path under {@code /edges/}, where the path names the edge. */
	boolean underEdges() {
		return from.startsWith(EDGE_PREFIX);
	}

	/**
	 * The guard step's URI as written, options included; null when the route has none.
	 */
	String guard() {
		return guard(steps);
	}

	private static String guard(List<Step> steps) {
		for (Step step : steps) {
			if (step.uri() != null && isGuard(step.uri())) {
				return step.uri();
			}
			for (List<Step> branch : step.branches()) {
				String nested = guard(branch);
				if (nested != null) {
					return nested;
				}
			}
		}
		return null;
	}

	/**
	 * Every route in the YAML files of a folder; a file that cannot be read is a problem.
	 */
	public static List<RouteFile> read(Path folder, List<ContractProblem> problems) {
		List<RouteFile> routes = new ArrayList<>();
		List<Path> files;
		try (var list = Files.list(folder)) {
			files = list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
		}
		catch (IOException e) {
			problems.add(new ContractProblem(folder.toString(), "", "cannot be listed: " + e.getMessage()));
			return routes;
		}
		for (Path file : files) {
			try (Reader reader = Files.newBufferedReader(file)) {
				Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
				if (document instanceof List<?> entries) {
					entries.forEach(entry -> route(file.toString(), entry).ifPresent(routes::add));
				}
				else if (document != null) {
					problems.add(new ContractProblem(file.toString(), "",
							"a route file is a YAML list of '- route:' entries"));
				}
			}
			catch (IOException | YAMLException e) {
				problems.add(new ContractProblem(file.toString(), "",
						"is not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
			}
		}
		return routes;
	}

	private static java.util.Optional<RouteFile> route(String file, Object entry) {
		if (!(entry instanceof Map<?, ?> map) || !(map.get("route") instanceof Map<?, ?> route)) {
			return java.util.Optional.empty();
		}
		String id = String.valueOf(route.get("id"));
		Object from = route.get("from");
		String uri = from instanceof Map<?, ?> f ? String.valueOf(f.get("uri")) : "";
		List<String> steps = new ArrayList<>();
		collectTo(from, steps);
		String guard = steps.stream().filter(RouteFile::isGuard).findFirst().orElse(null);
		String path = uri.startsWith(EDGE_PREFIX) ? uri.substring(EDGE_PREFIX.length()).replaceFirst("\\?.*$", "")
				: uri.startsWith(HTTP_PREFIX) && guard != null ? id : null;
		return java.util.Optional.of(new RouteFile(file, id, path, guard == null ? null : contractOf(guard),
				guard != null && guard.startsWith(BATCH_PREFIX),
				Step.fromYaml(from instanceof Map<?, ?> f ? f.get("steps") : null), uri));
	}

	private static void collectTo(Object node, List<String> out) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("to".equals(key) && value instanceof String uri) {
					out.add(uri);
				}
				else if ("to".equals(key) && value instanceof Map<?, ?> to && to.get("uri") instanceof String uri) {
					out.add(uri);
				}
				collectTo(value, out);
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach(item -> collectTo(item, out));
		}
	}
}
