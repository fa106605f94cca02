#!/usr/bin/env bash
# Benchmark: the reference server's read path. N stand-in instances (store rows, no servers behind
# them) in one tenant, C concurrent clients alternating GET instances/{id} and GET instances?limit=20
# for S seconds; prints throughput, p50/p99 and the machine's load. Target: p99 < 20 ms.
# Usage: bench/api.sh [N] [C] [S] [mixed|get|list]   (defaults: 10000 50 20 mixed)
set -euo pipefail
. "$(dirname "$0")/env.sh"
exec java --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED -Xmx1g -XX:+UseZGC \
  -cp "$jar" dev.steward.bench.ApiBenchmark "${1:-10000}" "${2:-50}" "${3:-20}" "${4:-mixed}" 2> >(grep -v ' INFO ' >&2)
