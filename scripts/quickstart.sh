#!/usr/bin/env bash
# Quick start: install what is missing, build, and run Steward's embedded control plane on its
# defaults (H2 store and secret key under ./.steward, local platform, PostgreSQL). Until the REST
# server exists, this runs the launcher's "demo": create a PostgreSQL instance with a database and
# a user, show it, delete it. Pass another launcher command to do something else, e.g.
#   ./scripts/quickstart.sh list
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install.sh
. scripts/env.sh
mvn -B -q --no-transfer-progress install -DskipTests -Dspotless.check.skip=true
exec java --enable-native-access=ALL-UNNAMED -Dguice_bytecode_gen_option=DISABLED \
  -jar examples/embedded/target/steward-embedded.jar "${@:-demo}"
