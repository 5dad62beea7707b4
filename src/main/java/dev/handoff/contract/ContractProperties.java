package dev.handoff.contract;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the contracts are.
 *
 * @param dir the contracts folder (env {@code HANDOFF_CONTRACTS_DIR})
 */
@ConfigurationProperties("handoff.contracts")
public record ContractProperties(@DefaultValue("contracts") Path dir) {
}
