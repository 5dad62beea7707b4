package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The service started as docs/operations.md ("Starting faster") tells a user to start it when start time matters, and
 * as the tests' FastStart does: the jar extracted ({@code java -Djarmode=tools -jar handoff.jar extract}), its classes
 * (and the bench plugin's) in a class-data-sharing archive written by one training start that exits once its context
 * is up. The extracted jar and the plugin go on a plain class path with the application's main class: Spring Boot's
 * launcher is not needed, and the archive only serves a JVM started with the same class path and heap. Made once under
 * bench/load/target/fast-start/ (never in git), again when the jar, the plugin, the heap or the JVM change.
 */
final class FastStart {

	private static final String MAIN = "dev.handoff.HandoffApplication";

	private final Path folder;

	private final Path plugin;

	private FastStart(Path folder, Path plugin) {
		this.folder = folder;
		this.plugin = plugin;
	}

	/** The class path and main class of a start that uses the archive. */
	List<String> launch() {
		return List.of("-XX:SharedArchiveFile=" + folder.resolve("handoff.jsa"), "-cp", classPath(), MAIN);
	}

	private String classPath() {
		return folder.resolve("handoff.jar") + java.io.File.pathSeparator + plugin;
	}

	static FastStart prepare(Service.Options o, String receiver) throws IOException {
		Path jar = o.jar().toAbsolutePath();
		Path plugin = o.plugin().toAbsolutePath();
		Path folder = plugin.resolveSibling("fast-start");
		FastStart fast = new FastStart(folder, plugin);
		Path archive = folder.resolve("handoff.jsa");
		Path stamp = folder.resolve("made-for.txt");
		String wanted = String.join("\n", jar + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar),
				plugin + " " + Files.size(plugin) + " " + Files.getLastModifiedTime(plugin), "-Xmx" + o.heap(), System.getProperty("java.home"),
				System.getProperty("java.vm.version"));
		if (Files.exists(archive) && Files.exists(stamp) && Files.readString(stamp).equals(wanted)) {
			System.out.println("fast start: archive " + archive + " (" + Files.size(archive) / (1024 * 1024) + " MiB) is current");
			return fast;
		}
		delete(folder);
		Files.createDirectories(folder);
		long t0 = System.nanoTime();
		run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", folder.toString()),
				folder.resolveSibling("fast-start-extract.log"));
		long t1 = System.nanoTime();
		// the training start: the same routes, contracts, plugin and heap as the measured start, on a scratch data folder
		// (it runs the migrations) and its own port; it exits once the context is refreshed, writing what it loaded
		Path data = Files.createTempDirectory("handoff-fast-start-");
		try {
			List<String> training = Service.command(o, List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh"),
					List.of("-cp", fast.classPath(), MAIN), 0, data, receiver);
			run(training, folder.resolveSibling("fast-start-training.log"));
		}
		finally {
			try (Stream<Path> paths = Files.walk(data)) {
				paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		long t2 = System.nanoTime();
		if (!Files.exists(archive)) {
			throw new IllegalStateException("the training start wrote no archive; see " + folder.resolveSibling("fast-start-training.log"));
		}
		Files.writeString(stamp, wanted);
		System.out.printf(java.util.Locale.ROOT, "fast start: extracted in %.1f s, training start %.1f s, archive %d MiB%n", (t1 - t0) / 1e9,
				(t2 - t1) / 1e9, Files.size(archive) / (1024 * 1024));
		return fast;
	}

	private static void run(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " took over 5 minutes; see " + log);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("interrupted while preparing the fast start", e);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + "; see " + log);
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void delete(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
