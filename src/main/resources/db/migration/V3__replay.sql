-- A replayed reject points at what its replay became (the outbox entry or truth version it was accepted as).
ALTER TABLE reject ADD COLUMN replayed_as VARCHAR(36);
ALTER TABLE reject ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;
