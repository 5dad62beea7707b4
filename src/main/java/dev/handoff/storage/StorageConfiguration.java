package dev.handoff.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Lets one set of migrations serve H2 and PostgreSQL (see {@link Schema}). */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	@Bean
	FlywayConfigurationCustomizer columnTypes(DataSource dataSource) {
		Schema schema = isPostgres(dataSource) ? Schema.POSTGRES : Schema.H2;
		return schema::configure;
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot reach the database to choose column types: " + e.getMessage(), e);
		}
	}

}
