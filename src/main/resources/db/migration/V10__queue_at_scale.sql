-- The queue is filtered by a rule (or a cause: rule + pointer) together with an edge and a status, and grouped into
-- causes. Visiting each reject to ask whether it broke the rule took seconds at 1 000 000 rejects (bench/RESULTS.md);
-- with edge, status and received_at copied onto each violation, the count, the page and the causes read one table.
ALTER TABLE reject_violation ADD COLUMN edge VARCHAR(200);
ALTER TABLE reject_violation ADD COLUMN status VARCHAR(20);
ALTER TABLE reject_violation ADD COLUMN received_at TIMESTAMP WITH TIME ZONE;
UPDATE reject_violation SET
    edge = (SELECT r.edge FROM reject r WHERE r.seq = reject_violation.reject_seq),
    status = (SELECT r.status FROM reject r WHERE r.seq = reject_violation.reject_seq),
    received_at = (SELECT r.received_at FROM reject r WHERE r.seq = reject_violation.reject_seq);
ALTER TABLE reject_violation ALTER COLUMN edge SET NOT NULL;
ALTER TABLE reject_violation ALTER COLUMN status SET NOT NULL;
ALTER TABLE reject_violation ALTER COLUMN received_at SET NOT NULL;
CREATE INDEX reject_violation_edge_rule ON reject_violation (edge, rule, status, reject_seq);
CREATE INDEX reject_violation_rule_status ON reject_violation (rule, status, reject_seq);

-- Newest first within an edge or a status, read from the index alone (the page is fetched by seq afterwards).
CREATE INDEX reject_edge_seq ON reject (edge, seq);
CREATE INDEX reject_status_seq ON reject (status, seq);

-- Each cause's counts beside its triage decision, kept up to date as rejects arrive and leave the queue, so the
-- causes screen reads one row per cause instead of grouping every violation (7.5 s at 1 000 000 rejects). A row whose
-- changed_at is the epoch carries no decision (as CauseStore.ensure makes it).
ALTER TABLE cause_state ADD COLUMN total BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE cause_state ADD COLUMN open_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE cause_state ADD COLUMN first_seen TIMESTAMP WITH TIME ZONE;
ALTER TABLE cause_state ADD COLUMN last_seen TIMESTAMP WITH TIME ZONE;
ALTER TABLE cause_state ADD COLUMN example_seq BIGINT;
INSERT INTO cause_state (edge, rule, pointer, state, changed_at, changed_by)
SELECT DISTINCT v.edge, v.rule, v.pointer, 'open', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', 'handoff'
FROM reject_violation v
WHERE NOT EXISTS (SELECT 1 FROM cause_state c WHERE c.edge = v.edge AND c.rule = v.rule AND c.pointer = v.pointer);
UPDATE cause_state SET
    total = (SELECT COUNT(DISTINCT v.reject_seq) FROM reject_violation v
             WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer),
    open_count = (SELECT COUNT(DISTINCT v.reject_seq) FROM reject_violation v
             WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer AND v.status = 'open'),
    first_seen = (SELECT MIN(v.received_at) FROM reject_violation v
             WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer),
    last_seen = (SELECT MAX(v.received_at) FROM reject_violation v
             WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer),
    example_seq = (SELECT MAX(v.reject_seq) FROM reject_violation v
             WHERE v.edge = cause_state.edge AND v.rule = cause_state.rule AND v.pointer = cause_state.pointer);
CREATE INDEX reject_violation_edge_cause ON reject_violation (edge, rule, pointer, reject_seq);
