-- The newest brief version each edge delivered for each campaign, kept in the transaction that marks outbox rows
-- delivered. Drift (and the drift-age review trigger, every 30 s) reads this small table instead of grouping every
-- delivered outbox row, which is read in full and grows with every message.
CREATE TABLE delivered_version (
    edge          VARCHAR(200)             NOT NULL,
    campaign      VARCHAR(200)             NOT NULL,
    version       BIGINT                   NOT NULL,
    delivered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (edge, campaign)
);

INSERT INTO delivered_version (edge, campaign, version, delivered_at)
SELECT edge, campaign, MAX(version), MAX(delivered_at)
FROM outbox
WHERE status = 'delivered' AND version IS NOT NULL AND campaign IS NOT NULL AND delivered_at IS NOT NULL
GROUP BY edge, campaign;
