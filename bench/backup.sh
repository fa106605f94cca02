#!/usr/bin/env bash
# Benchmark: one backup strategy on ~SIZE_MB of data, Steward against `tool | zstd -1 > file` and
# the raw restore, in the same run; prints ratios and the control plane's peak RSS during backup.
# Usage: bench/backup.sh [pg_basebackup|pg_dump|redis-rdb|xtrabackup] [SIZE_MB]   (defaults: pg_basebackup 1024)
set -euo pipefail
. "$(dirname "$0")/env.sh"
log=$(mktemp)
# A bounded heap shows that the pipeline's memory does not grow with the backup.
if ! java -Xmx512m --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED \
    -cp "$jar" dev.steward.bench.BackupBenchmark "${1:-pg_basebackup}" "${2:-1024}" 2>"$log"; then
  tail -40 "$log" >&2
  rm -f "$log"
  exit 1
fi
grep -h "^filled" "$log" >&2 || true
rm -f "$log"
