package dev.handoff.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The folders a command reads, given on its command line or else where the service looks
 * ({@link Folders}): the contracts folder as its argument, the routes folder as
 * {@code --routes}.
 */
class FolderOptions {

	@Parameters(arity = "0..1", paramLabel = "CONTRACTS",
			description = "contracts folder (default: $HANDOFF_CONTRACTS_DIR or contracts)")
	private Path contracts;

	@Option(names = "--routes", paramLabel = "ROUTES",
			description = "routes folder, to know each edge's contract (default: $HANDOFF_ROUTES_DIR or routes)")
	private Path routes;

	Path contracts() {
		return contracts == null ? Folders.contracts() : contracts;
	}

	Path routes() {
		return routes == null ? Folders.routes() : routes;
	}

}
