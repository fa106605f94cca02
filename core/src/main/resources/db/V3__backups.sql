CREATE TABLE backups (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(64) NOT NULL,
  instance_id VARCHAR(36) NOT NULL,
  name VARCHAR(255) NOT NULL,
  description VARCHAR(1024),
  datastore VARCHAR(64) NOT NULL,
  datastore_version VARCHAR(64) NOT NULL,
  strategy VARCHAR(64) NOT NULL,
  parent_id VARCHAR(36),
  state VARCHAR(32) NOT NULL,
  admin_secret VARCHAR(1024) NOT NULL,
  stream_bytes BIGINT NOT NULL,
  stored_bytes BIGINT,
  estimated_bytes BIGINT,
  fault_code VARCHAR(64),
  fault_message VARCHAR(4000),
  fault_at BIGINT,
  active_operation VARCHAR(36),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX backups_tenant ON backups (tenant_id, created_at);
CREATE INDEX backups_parent ON backups (parent_id);
