package dev.handoff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The container convention for secrets: an environment variable {@code NAME_FILE} naming
 * a file (a Docker or Kubernetes secret mounted at {@code /run/secrets/...}) sets
 * {@code NAME} to that file's content, so a secret never has to sit in the environment
 * where {@code docker inspect} and child processes see it. {@code NAME} then works
 * everywhere an environment variable does: in {@code ${NAME}} placeholders and by relaxed
 * binding ({@code HANDOFF_DELIVERY_EDGES_EMAILCAMPAIGN_AUTH_PASSWORD_FILE}).
 * <p>
 * Only variables Handoff uses take part: {@code HANDOFF_...} ones, and those the
 * configuration names in a {@code ${NAME}} placeholder. Other software has {@code _FILE}
 * variables of its own ({@code SSL_CERT_FILE} names a 200 KiB CA bundle,
 * {@code TF_CLI_CONFIG_FILE} a file that may not exist) that must neither be loaded nor
 * stop the start.
 */
class SecretFiles implements EnvironmentPostProcessor, Ordered {

	static final String SUFFIX = "_FILE";

	/** Handoff's own variables, which relaxed binding maps onto its settings. */
	static final String OWN_PREFIX = "HANDOFF_";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)");

	/**
	 * Variables that end in _FILE and are Handoff's own settings of a path, not a secret
	 * to read.
	 */
	static final Set<String> PATH_SETTINGS = Set.of("HANDOFF_ACCESS_TOKENS_FILE");

	/**
	 * A secret is short; a larger file is a mistake (a log, a device), not something to
	 * load into every lookup.
	 */
	static final int LARGEST = 64 * 1024;

	/**
	 * Named like the environment so that Spring's relaxed binding reads it the same way.
	 */
	static final String SOURCE = "secretFiles-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;

	private final Log log;

	SecretFiles(DeferredLogFactory logs) {
		this.log = logs.getLog(SecretFiles.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		add(environment, environment.getSystemEnvironment());
	}

	/**
	 * Adds what the {@code _FILE} variables among these name to the environment, as
	 * variables of their own.
	 */
	void add(ConfigurableEnvironment environment, Map<String, ?> variables) {
		Map<String, Object> secrets = read(variables, placeholders(environment));
		if (secrets.isEmpty()) {
			return;
		}
		SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(SOURCE, secrets);
		// just before the environment itself: a command-line argument or system property
		// still wins, as over any variable
		if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			environment.getPropertySources()
				.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			environment.getPropertySources().addLast(source);
		}
		// names only: the point of the convention is that the values appear nowhere
		log.info("Read " + String.join(", ", secrets.keySet()) + " from the files their " + SUFFIX + " variables name");
	}

	/**
	 * The variables the {@code _FILE} variables of this environment set, by name.
	 * @param environment the environment variables
	 * @param placeholders the names the configuration uses in {@code ${NAME}}
	 * placeholders
	 * @throws IllegalStateException when a variable is set both ways, or a file cannot be
	 * read; the message names the variable and the path, never what is in the file
	 */
	static Map<String, Object> read(Map<String, ?> environment, Set<String> placeholders) {
		Map<String, Object> secrets = new TreeMap<>();
		environment.forEach((variable, value) -> {
			if (!variable.endsWith(SUFFIX) || variable.length() == SUFFIX.length() || PATH_SETTINGS.contains(variable)
					|| value == null || value.toString().isBlank()) {
				return;
			}
			String name = variable.substring(0, variable.length() - SUFFIX.length());
			if (!name.startsWith(OWN_PREFIX) && !placeholders.contains(name)) {
				return;
			}
			Object direct = environment.get(name);
			if (direct != null && !direct.toString().isEmpty()) {
				throw new IllegalStateException("Both " + name + " and " + variable + " are set: set one of them ("
						+ variable + " names a file holding the value of " + name + ")");
			}
			secrets.put(name, content(variable, Path.of(value.toString())));
		});
		return secrets;
	}

	/**
	 * Every name used in a {@code ${NAME}} or {@code ${NAME:default}} placeholder of the
	 * configuration read so far (application.yaml, profiles, imports, command line),
	 * nested ones included.
	 */
	static Set<String> placeholders(ConfigurableEnvironment environment) {
		Set<String> names = new HashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable
					&& !(source instanceof SystemEnvironmentPropertySource)) {
				for (String property : enumerable.getPropertyNames()) {
					if (enumerable.getProperty(property) instanceof CharSequence value) {
						Matcher placeholder = PLACEHOLDER.matcher(value);
						while (placeholder.find()) {
							names.add(placeholder.group(1));
						}
					}
				}
			}
		}
		return names;
	}

	/**
	 * The file's text, less one trailing line break (editors and {@code echo} add one; a
	 * secret has none).
	 */
	private static String content(String variable, Path file) {
		byte[] bytes;
		try (InputStream in = Files.newInputStream(file)) {
			bytes = in.readNBytes(LARGEST + 1);
		}
		catch (IOException | SecurityException e) {
			throw new IllegalStateException(
					variable + " names " + file + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
		}
		if (bytes.length > LARGEST) {
			throw new IllegalStateException(variable + " names " + file + ", which is larger than a secret can be ("
					+ LARGEST + " bytes at most)");
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
				: text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
	}

	@Override
	public int getOrder() {
		// after the config files are read, to see their placeholders; these are resolved
		// only when a value is asked for
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
