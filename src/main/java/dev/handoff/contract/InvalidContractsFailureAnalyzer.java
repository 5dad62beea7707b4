package dev.handoff.contract;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints bad contracts as a list a person can act on, instead of a stack trace. */
class InvalidContractsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidContractsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidContractsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix the files named above (run the service again to check), or point HANDOFF_CONTRACTS_DIR at another folder. "
						+ "The service takes no message until every contract loads.",
				cause);
	}

}
