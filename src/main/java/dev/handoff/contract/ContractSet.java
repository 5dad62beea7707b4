package dev.handoff.contract;

import java.util.Map;
import java.util.Optional;

/**
 * Every contract of one folder, loaded together and checked against each other and the
 * taxonomy.
 *
 * @param folder where they were loaded from
 * @param contracts by name
 * @param source the contract that establishes the truth
 * @param taxonomy the shared naming and UTM rules
 */
public record ContractSet(String folder, Map<String, Contract> contracts, Contract source, Taxonomy taxonomy) {

	public Optional<Contract> find(String name) {
		return Optional.ofNullable(contracts.get(name));
	}

	/**
	 * The contract a running step guards with. Load-time checks keep every guarded
	 * contract loaded, so its absence is a fault of the service, not of the message.
	 */
	public Contract require(String name) {
		return find(name).orElseThrow(() -> new IllegalStateException("contract '" + name + "' is no longer loaded"));
	}
}
