package dev.handoff.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL per test JVM, started from a jar (there is no Docker here), for
 * tests that run on it.
 */
public final class Postgres {

	private static EmbeddedPostgres server;

	private static int databases;

	private Postgres() {
	}

	/** Points the service at a fresh database on the shared server. */
	public static void use(DynamicPropertyRegistry registry) {
		database().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * A fresh database on the shared server: the settings that point a service at it
	 * (HANDOFF_DB_URL, _USER, _PASSWORD).
	 */
	public static synchronized Map<String, String> database() {
		try {
			if (server == null) {
				server = EmbeddedPostgres.builder().start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						server.close();
					}
					catch (IOException e) {
						// the JVM is going away anyway
					}
				}));
			}
			String name = "handoff_" + (++databases);
			try (var connection = server.getPostgresDatabase().getConnection();
					var statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE " + name);
			}
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("HANDOFF_DB_URL", server.getJdbcUrl("postgres", name));
			settings.put("HANDOFF_DB_USER", "postgres");
			settings.put("HANDOFF_DB_PASSWORD", "postgres");
			return settings;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException(e);
		}
	}

}
