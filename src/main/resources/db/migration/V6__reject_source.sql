-- Where a reject came from when it did not come over HTTP, e.g. "kafka:tracking-events/0@42" (topic/partition@offset).
ALTER TABLE reject ADD COLUMN source VARCHAR(500);
