package dev.handoff.contract;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the contracts are and how often the folder is looked at for edits.
 *
 * @param dir the contracts folder (env {@code HANDOFF_CONTRACTS_DIR})
 * @param reloadInterval how often the folder is checked for changes; zero turns reloading
 * off
 */
@ConfigurationProperties("handoff.contracts")
public record ContractProperties(@DefaultValue("contracts") Path dir, @DefaultValue("2s") Duration reloadInterval) {
}
