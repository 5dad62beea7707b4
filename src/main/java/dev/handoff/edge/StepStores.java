package dev.handoff.edge;

import dev.handoff.gate.HeldStore;
import dev.handoff.reject.RejectStore;
import dev.handoff.truth.ArtifactStore;
import dev.handoff.truth.TruthStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the {@code handoff:} steps write what became of a message, and how: the stores of
 * rejects, truth, held messages and the tools' artifacts, the idempotency keys' answers,
 * and the transactions (one by one, or grouped) they are written in. One bean, so the
 * component that builds the steps takes them as one.
 */
@Component
record StepStores(RejectStore rejects, TruthStore truth, HeldStore held, ArtifactStore artifacts, InboundKeys keys,
		GroupCommit commits, TransactionTemplate transactions) {
}
