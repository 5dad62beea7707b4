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
