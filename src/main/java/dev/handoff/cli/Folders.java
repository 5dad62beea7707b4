package dev.handoff.cli;

import java.nio.file.Path;

/**
 * Where the commands look by default: the same folders, and the same variables, as the
 * service.
 */
final class Folders {

	private Folders() {
	}

	static Path contracts() {
		return Path.of(env("HANDOFF_CONTRACTS_DIR", "contracts"));
	}

	static Path routes() {
		return Path.of(env("HANDOFF_ROUTES_DIR", "routes"));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
