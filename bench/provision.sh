#!/usr/bin/env bash
# Benchmark: N instances of DATASTORE through Steward (create -> ACTIVE) against the engine's raw
# init + start + first answer on the same machine, in the same run, interleaved.
# Usage: bench/provision.sh [postgresql|mariadb|redis] [N]   (defaults: postgresql 5)
set -euo pipefail
. "$(dirname "$0")/env.sh"
log=$(mktemp)
if ! java --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED \
    -cp "$jar" dev.steward.bench.ProvisioningBenchmark "${1:-postgresql}" "${2:-5}" 2>"$log"; then
  tail -40 "$log" >&2
  rm -f "$log"
  exit 1
fi
rm -f "$log"
