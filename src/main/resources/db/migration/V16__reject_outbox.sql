-- The delivered-message retention (handoff.delivery.keep-delivered) keeps an outbox row a reject names; this index
-- lets it ask for a page of rows at a time without reading every reject.
CREATE INDEX reject_outbox ON reject (outbox_id);
