package dev.handoff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged jar started the way docs/operations.md tells a user to start it when start
 * time matters: extracted ({@code java -Djarmode=tools -jar handoff.jar extract}) and
 * with a class-data-sharing archive made by one training start. A start then loads its
 * classes from the archive instead of reading and verifying them from jars, which on two
 * cores takes a start from about 13 s to about 8 s; the tests that kill and restart the
 * jar start it some 20 times. The extraction and the archive are made once per build,
 * under {@code target/fast-start/}, and made again when the jar is newer.
 */
public final class FastStart {

	/** Heap of every test start; the archive is only used by JVMs started alike. */
	private static final String HEAP = "-Xmx256m";

	private static Path prepared;

	private FastStart() {
	}

	/**
	 * The command that starts the packaged jar, before its own arguments: java, its
	 * options, the extracted jar.
	 */
	public static List<String> command() throws IOException {
		Path folder = prepare();
		return new ArrayList<>(List.of(java(), HEAP, "-XX:SharedArchiveFile=" + folder.resolve("handoff.jsa"), "-jar",
				folder.resolve("handoff.jar").toString()));
	}

	private static synchronized Path prepare() throws IOException {
		if (prepared != null) {
			return prepared;
		}
		Path jar = Path.of(System.getProperty("handoff.jar", "target/handoff.jar")).toAbsolutePath();
		Path folder = jar.resolveSibling("fast-start");
		Path archive = folder.resolve("handoff.jsa");
		if (!Files.exists(archive)
				|| Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
			delete(folder);
			run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
					folder.toString()), jar.resolveSibling("fast-start-extract.log"));
			// the training start: the service starts on a scratch data folder with the
			// shipped routes and contracts, and exits once its context is up, writing
			// the classes it loaded to the archive
			Path data = Files.createTempDirectory("handoff-fast-start-");
			List<String> training = new ArrayList<>(List.of(java(), HEAP, "-XX:ArchiveClassesAtExit=" + archive,
					"-Dspring.context.exit=onRefresh", "-jar", folder.resolve("handoff.jar").toString(),
					"--server.port=0", "--HANDOFF_DATA_DIR=" + data, "--handoff.tools.cms-url=http://127.0.0.1:9/cms",
					"--handoff.tools.email-url=http://127.0.0.1:9/email",
					"--handoff.tools.tracking-url=http://127.0.0.1:9/tracking"));
			training.addAll(Senders.arguments());
			run(training, jar.resolveSibling("fast-start-training.log"));
			if (!Files.exists(archive)) {
				throw new IllegalStateException(
						"the training start wrote no archive; see " + jar.resolveSibling("fast-start-training.log"));
			}
		}
		prepared = folder;
		return folder;
	}

	private static void run(List<String> command, Path log) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			// generous: a busy machine may take several times the 15 s of a quiet one
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
			throw new IllegalStateException(
					String.join(" ", command) + " exited with " + process.exitValue() + "; see " + log);
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
