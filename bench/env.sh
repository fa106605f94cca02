# Sourced by the bench scripts: from the repository root, with the JDK of scripts/env.sh, and the
# benchmark jar in $jar (built once when it is missing).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
jar=bench/target/steward-bench.jar
if [ ! -f "$jar" ]; then
  mvn -B -q --no-transfer-progress install -DskipTests -Dspotless.check.skip=true
fi
