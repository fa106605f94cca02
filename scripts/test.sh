#!/usr/bin/env bash
# Runs every test: installs what is missing (idempotent), then builds and verifies every module
# (formatter check, enforcer, unit tests, and the integration tests against real PostgreSQL servers).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
. scripts/env.sh
start=$(date +%s)
mvn -B --no-transfer-progress verify "$@"
echo "steward: all tests passed in $(( $(date +%s) - start )) s"
