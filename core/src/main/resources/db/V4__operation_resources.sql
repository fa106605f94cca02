ALTER TABLE operations RENAME COLUMN instance_id TO resource_id;
ALTER TABLE operations ADD COLUMN resource_kind VARCHAR(16) DEFAULT 'INSTANCE' NOT NULL;
UPDATE operations SET resource_kind = 'BACKUP' WHERE type = 'backup.delete';
DROP INDEX operations_instance;
CREATE INDEX operations_resource ON operations (resource_kind, resource_id, created_at)
