-- The first answer to each Idempotency-Key (or webhook-id) per edge, so a retry by the sender gets the
-- same answer and nothing is accepted or delivered twice. Rows older than the window are deleted.
CREATE TABLE inbound_key (
    edge        VARCHAR(200)             NOT NULL,
    idem_key    VARCHAR(200)             NOT NULL,
    status      INT                      NOT NULL,
    answer      ${bytes}                 NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (edge, idem_key)
);
CREATE INDEX inbound_key_created ON inbound_key (created_at);
