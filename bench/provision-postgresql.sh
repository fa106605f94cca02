#!/usr/bin/env bash
# Benchmark: N PostgreSQL instances through Steward (create -> ACTIVE) against raw
# initdb + start + first connection on the same machine, in the same run, interleaved.
# Usage: bench/provision-postgresql.sh [N]   (default 5; builds the embedded jar if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
jar=examples/embedded/target/steward-embedded.jar
if [ ! -f "$jar" ]; then
  mvn -B -q --no-transfer-progress install -DskipTests -Dspotless.check.skip=true
fi
java --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$jar" dev.steward.examples.embedded.ProvisioningBenchmark "${1:-5}" 2>/dev/null
