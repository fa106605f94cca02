CREATE TABLE backup_readers (
  backup_id VARCHAR(36) NOT NULL,
  operation_id VARCHAR(36) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (backup_id, operation_id)
);
CREATE INDEX backup_readers_operation ON backup_readers (operation_id);
