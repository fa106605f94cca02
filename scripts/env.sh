# Sourced by the other scripts: finds a JDK >= 21 (Temurin 25 preferred) and sets Maven's options.
if [ -z "${STEWARD_JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/temurin-2[1-9]-jdk* \
                   /usr/lib/jvm/java-2[1-9]-openjdk* "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      version=$("$candidate/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
      if [ -n "$version" ] && [ "$version" -ge 21 ]; then STEWARD_JAVA_HOME=$candidate; break; fi
    fi
  done
fi
if [ -z "${STEWARD_JAVA_HOME:-}" ]; then
  echo "steward: no JDK 21 or newer found under /usr/lib/jvm; install Temurin 25 (or set STEWARD_JAVA_HOME)" >&2
  exit 1
fi
export JAVA_HOME=$STEWARD_JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
java_major=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
if [ "$java_major" -ge 23 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
