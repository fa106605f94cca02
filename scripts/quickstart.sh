#!/usr/bin/env bash
# Quick start: install what is missing, build, and run the reference server (Trove v1.0 REST API)
# on embedded defaults: H2 store, secret key and built-in identity under ./.steward, the local
# platform, PostgreSQL/MariaDB/Redis, listening on 127.0.0.1:8779. It prints how to point the
# `openstack` client at it. Server options follow, e.g.
#   ./scripts/quickstart.sh --set server.port=9779
# The embedded launcher's commands stay available: ./scripts/quickstart.sh demo (create, show and
# delete a PostgreSQL instance), create/list/show/await/delete.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
. scripts/env.sh
mvn -B -q --no-transfer-progress install -DskipTests -Dspotless.check.skip=true
case "${1:-serve}" in
  demo|create|list|show|await|delete|backup|await-backup|delete-backup)
    exec java --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED \
      -jar server/target/steward-server.jar "$@" ;;
  *)
    # ZGC: sub-millisecond pauses keep the API's p99 low (bench/api.sh).
    exec java --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED -XX:+UseZGC \
      -jar server/target/steward-server.jar "$@" ;;
esac
