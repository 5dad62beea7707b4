-- H2 only (StorageConfiguration adds this folder for H2; the shared migrations are in db/migration, whose next
-- version must be 15 or higher).
-- Large values move out of H2's LOB store into the rows themselves. H2 writes a BLOB/CLOB in a store of its own,
-- outside the transaction of the row that points at it: after a kill -9 an outbox row could point at a LOB that was
-- never written, and from then on every read of the outbox failed ("Cannot read field streamStoreId"), so nothing more
-- was delivered (seen in CrashIT). A VARBINARY/VARCHAR value is part of its row and commits with it. Fresh databases
-- get these types from the start (the ${bytes} and ${text} placeholders); this converts databases made before.
ALTER TABLE truth_version ALTER COLUMN fields SET DATA TYPE VARCHAR;
ALTER TABLE reject ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE reject ALTER COLUMN violations SET DATA TYPE VARCHAR;
ALTER TABLE reject ALTER COLUMN mapped SET DATA TYPE VARBINARY;
ALTER TABLE outbox ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE outbox ALTER COLUMN message SET DATA TYPE VARBINARY;
ALTER TABLE inbound_key ALTER COLUMN answer SET DATA TYPE VARBINARY;
ALTER TABLE audit ALTER COLUMN detail SET DATA TYPE VARCHAR;
ALTER TABLE held ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE held ALTER COLUMN forwarded SET DATA TYPE VARBINARY;
ALTER TABLE held ALTER COLUMN new_truth SET DATA TYPE VARCHAR;
ALTER TABLE held ALTER COLUMN comment SET DATA TYPE VARCHAR;
