package dev.handoff.review;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoff.access.Caller;
import dev.handoff.api.ConflictException;
import dev.handoff.api.NotFoundException;
import dev.handoff.audit.AuditLog;
import dev.handoff.audit.ReworkAction;
import dev.handoff.edge.Replay;
import dev.handoff.api.BadRequest;
import dev.handoff.reject.Cause;
import dev.handoff.reject.CauseStore;
import dev.handoff.reject.Reject;
import dev.handoff.reject.RejectStore;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a person does to a reject: replay it (as stored or corrected) or discard it. Each
 * action is written to the audit trail with the change it made, and a cause whose last
 * open reject leaves the queue resolves itself.
 */
@Service
public class Review {

	/** The longest discard reason kept. */
	static final int MAX_REASON = 1000;

	private final RejectStore rejects;

	private final CauseStore causes;

	private final Replay replay;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final ObjectMapper mapper;

	private final ReviewMetrics metrics;

	Review(RejectStore rejects, CauseStore causes, Replay replay, AuditLog audit, TransactionTemplate transactions,
			ObjectMapper mapper, ReviewMetrics metrics) {
		this.rejects = rejects;
		this.causes = causes;
		this.replay = replay;
		this.audit = audit;
		this.transactions = transactions;
		this.mapper = mapper;
		this.metrics = metrics;
	}

	public Reject find(String id) {
		return rejects.find(id).orElseThrow(() -> new NotFoundException("reject", id));
	}

	/**
	 * Runs a reject through its edge again, as stored or with a correction. Accepted:
	 * replayed and on its way. Rejected again: it stays open and the new violations go
	 * into its history. Not open: ConflictException.
	 */
	public Replay.Outcome replay(String id, Correction correction, Caller caller) {
		return replay(find(id), correction, caller.name(), null);
	}

	Replay.Outcome replay(Reject reject, Correction correction, String actor, String bulkJob) {
		byte[] payload = correction == null ? reject.payload() : correction.apply(reject.payload(), mapper);
		if (correction != null && !correction.patch() && reject.mapped() == null) {
			// as in the editor: an edit that is not readable JSON is refused before it is
			// a replay. Only where the guard judged the bytes as received: a mapped
			// reject's route reads what its tool sends
			Unreadable unreadable = Unreadable.of(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
			if (unreadable != null) {
				throw new BadRequest("not replayed: the corrected payload is not readable JSON at line "
						+ unreadable.line() + ", column " + unreadable.column() + ": " + unreadable.sentence());
			}
		}
		String action = (correction == null ? ReworkAction.REPLAY : ReworkAction.EDIT).lowerCase();
		Map<String, Object> detail = new LinkedHashMap<>();
		if (bulkJob != null) {
			detail.put("bulk", bulkJob);
		}
		if (correction != null) {
			detail.put(correction.patch() ? "patch" : "diff", correction.describe(reject.payload(), payload, mapper));
		}
		Replay.Outcome outcome = replay.replay(reject, payload, (id, result) -> {
			Map<String, Object> accepted = new LinkedHashMap<>(detail);
			accepted.put(result.equals("accepted") ? "deliveryId" : "heldId", id);
			audit.record(actor, action, reject.id(), result, accepted);
		});
		if (outcome.conflict()) {
			throw new ConflictException(outcome.detail());
		}
		metrics.replayed(reject.edge(), outcome, bulkJob != null ? "bulk" : action);
		if (outcome.accepted()) {
			resolveIfCleared(reject);
		}
		else {
			detail.put("violations", outcome.answer().violations());
			audit.record(actor, action, reject.id(), "rejected", detail);
		}
		return outcome;
	}

	/** Takes an open reject out of the queue for good, with the reason why. */
	public Reject discard(String id, String reason, Caller caller) {
		return discard(find(id), reason, caller.name(), null);
	}

	Reject discard(Reject reject, String reason, String actor, String bulkJob) {
		if (reason == null || reason.isBlank()) {
			throw new BadRequest(
					"a discard needs a reason (JSON body {\"reason\": \"...\"}): it is kept in the audit trail");
		}
		if (reason.length() > MAX_REASON) {
			throw new BadRequest("the reason is " + reason.length() + " characters; at most " + MAX_REASON);
		}
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("reason", reason.strip());
		if (bulkJob != null) {
			detail.put("bulk", bulkJob);
		}
		boolean discarded = Boolean.TRUE.equals(transactions.execute(tx -> {
			if (!rejects.markDiscarded(reject.id())) {
				return false;
			}
			audit.record(actor, ReworkAction.DISCARD.lowerCase(), reject.id(), Reject.Status.DISCARDED.lowerCase(),
					detail);
			return true;
		}));
		if (!discarded) {
			String now = rejects.find(reject.id()).map(r -> r.status().lowerCase()).orElse("gone");
			throw new ConflictException(
					"reject " + reject.id() + " is " + now + "; only an open reject can be discarded");
		}
		metrics.discarded(reject.edge());
		resolveIfCleared(reject);
		return find(reject.id());
	}

	/** A person's triage of a cause; recorded in the audit trail under the cause's id. */
	public Cause triage(String causeId, String state, Caller caller) {
		Cause.Key key = Cause.Key.parse(causeId);
		if (!Cause.settable(state)) {
			throw new BadRequest("state must be one of open, acknowledged, resolved, ignored; got '" + state + "'");
		}
		Cause before = causes.find(key).orElseThrow(() -> new NotFoundException("cause", causeId));
		causes.ensure(key);
		transactions.executeWithoutResult(tx -> {
			causes.decide(key, state, caller.name());
			audit.record(caller.name(), "triage", causeId, state,
					Map.of("edge", key.edge(), "rule", key.rule(), "pointer", key.pointer(), "was", before.state()));
		});
		return causes.find(key).orElseThrow();
	}

	private void resolveIfCleared(Reject reject) {
		for (Cause.Key key : CauseStore.keysOf(reject)) {
			if (causes.openCount(key) == 0) {
				// kept, so that a reject of this cause arriving later reopens it (see
				// CauseStore.effectiveState)
				causes.ensure(key);
				causes.decide(key, Cause.RESOLVED, AuditLog.SERVICE);
			}
		}
	}

}
