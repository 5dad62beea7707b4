package dev.handoff.storage;

import java.util.Map;

import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * How one set of migrations serves H2 and PostgreSQL: the column type of each large
 * value, and the folders read. H2 keeps large values in the row (VARBINARY/VARCHAR),
 * never in its LOB store, which is written outside the row's transaction and after a kill
 * -9 could leave a row pointing at nothing (see db/h2/V14).
 */
public enum Schema {

	H2(Map.of("bytes", "VARBINARY", "text", "VARCHAR"), "classpath:db/migration", "classpath:db/h2"),
	POSTGRES(Map.of("bytes", "BYTEA", "text", "TEXT"), "classpath:db/migration");

	private final Map<String, String> columnTypes;

	private final String[] locations;

	Schema(Map<String, String> columnTypes, String... locations) {
		this.columnTypes = columnTypes;
		this.locations = locations;
	}

	/**
	 * Sets this database's column types and migration folders on a Flyway configuration.
	 */
	public FluentConfiguration configure(FluentConfiguration flyway) {
		return flyway.placeholders(columnTypes).locations(locations);
	}

}
