CREATE TABLE instances (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(64) NOT NULL,
  name VARCHAR(255) NOT NULL,
  datastore VARCHAR(64) NOT NULL,
  datastore_version VARCHAR(64) NOT NULL,
  flavor_id VARCHAR(64) NOT NULL,
  ram_mb INT NOT NULL,
  vcpus INT NOT NULL,
  volume_gb INT NOT NULL,
  state VARCHAR(32) NOT NULL,
  address VARCHAR(64),
  admin_secret VARCHAR(1024) NOT NULL,
  fault_code VARCHAR(64),
  fault_message VARCHAR(4000),
  fault_at BIGINT,
  active_operation VARCHAR(36),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX instances_tenant ON instances (tenant_id, created_at);

CREATE TABLE operations (
  id VARCHAR(36) PRIMARY KEY,
  instance_id VARCHAR(36) NOT NULL,
  type VARCHAR(64) NOT NULL,
  state VARCHAR(32) NOT NULL,
  steps VARCHAR(4000) NOT NULL,
  next_step INT NOT NULL,
  payload VARCHAR(1000000) NOT NULL,
  attempts INT NOT NULL,
  not_before BIGINT NOT NULL,
  lease_owner VARCHAR(128),
  lease_expires BIGINT,
  error_code VARCHAR(64),
  error_message VARCHAR(4000),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX operations_runnable ON operations (state, not_before);
CREATE INDEX operations_instance ON operations (instance_id, created_at);

CREATE TABLE operation_steps (
  operation_id VARCHAR(36) NOT NULL,
  seq INT NOT NULL,
  step VARCHAR(64) NOT NULL,
  phase VARCHAR(16) NOT NULL,
  outcome VARCHAR(16) NOT NULL,
  message VARCHAR(4000),
  at BIGINT NOT NULL,
  PRIMARY KEY (operation_id, seq)
);
