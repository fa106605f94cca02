CREATE TABLE quota_limits (
  tenant_id VARCHAR(64) NOT NULL,
  resource VARCHAR(32) NOT NULL,
  hard_limit INT NOT NULL,
  PRIMARY KEY (tenant_id, resource)
);

CREATE TABLE quota_tenants (
  tenant_id VARCHAR(64) PRIMARY KEY
);

CREATE INDEX instances_state ON instances (state);

DROP INDEX instances_tenant;

CREATE INDEX instances_tenant ON instances (tenant_id, created_at, id)
