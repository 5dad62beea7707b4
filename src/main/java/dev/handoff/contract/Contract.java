package dev.handoff.contract;

import org.everit.json.schema.Schema;

/**
 * A loaded contract: the compiled schema and its {@code x-handoff} block, stamped with
 * the file's hash.
 *
 * @param name the file name without {@code .schema.json}; edges name their contract by it
 * @param file the file name as found in the contracts folder
 * @param sha256 hex SHA-256 of the file's bytes, stored with every reject and delivery
 * @param schema the compiled Everit schema, built once per file content
 * @param spec the {@code x-handoff} block
 */
public record Contract(String name, String file, String sha256, Schema schema, HandoffSpec spec) {
}
