-- Routes that read a tool's API on a schedule (routes/brief-airtable.yaml) remember where they stand, per edge.
-- The cursor is when the last whole poll began: the next asks for what changed since (less an overlap), and it
-- moves only after every record of a poll is stored, so a poll cut short is read again and nothing is skipped.
CREATE TABLE poll_cursor (
    edge        VARCHAR(200)             NOT NULL PRIMARY KEY,
    since       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every record a poll took, by its id and a hash of its content, written in the transaction that stored its outcome
-- (the truth version, the reject, the held brief). Kept for good, unlike inbound_key: a record read again, in the
-- overlap, after a restart or months later, is not judged again; an edited record has a new hash and is.
CREATE TABLE poll_record (
    edge        VARCHAR(200)             NOT NULL,
    record_key  VARCHAR(200)             NOT NULL,
    taken_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (edge, record_key)
);
