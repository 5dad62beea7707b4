-- Several instances share one outbox: a row is claimed with a lease before it is sent, so two instances
-- never send it at once, and a crashed instance's rows are taken over once their lease runs out.
ALTER TABLE outbox ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox ADD COLUMN leased_by VARCHAR(100);
