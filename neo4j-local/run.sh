#!/usr/bin/env bash
# Run a local Neo4j 5.26 community server (Bolt + HTTP + Browser) in-process.
# Env: NEO4J_BOLT_PORT (7687), NEO4J_HTTP_PORT (7474), NEO4J_PASSWORD (jkg-local-password),
#      NEO4J_DATA (<this dir>/data), NEO4J_PAGECACHE (256m), NEO4J_HEAP (1g),
#      NEO4J_BROWSER_POST_CONNECT_CMD, NEO4J_BROWSER_ALLOWLIST (*), JAVA (java), MVN (mvn).
# Ready when stdout prints: "Neo4j <version> ready: bolt://127.0.0.1:<bolt>  browser: http://127.0.0.1:<http>/browser/"
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Build only if missing or stale (pom.xml or any .java newer than the built jar). Needs network only the first time.
stamp="$HERE/target/neo4j-local-0.1.0.jar"
if [[ ! -f "$stamp" || ! -d "$HERE/target/lib" || -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]]; then
  echo "neo4j-local: building (mvn -q -B package)..." >&2
  (cd "$HERE" && "${MVN:-mvn}" -q -B -Dstyle.color=never package) >&2
fi

export NEO4J_DATA="$(mkdir -p "${NEO4J_DATA:-$HERE/data}" && cd "${NEO4J_DATA:-$HERE/data}" && pwd)"
# JVM flags: heap + the add-opens that Neo4j's own launcher passes (page cache / native fadvise need them).
exec "${JAVA:-java}" -Xms"${NEO4J_HEAP_INITIAL:-256m}" -Xmx"${NEO4J_HEAP:-1g}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
  -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024 \
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  -cp "$HERE/target/classes:$HERE/target/lib/*" org.jkg.neo4jlocal.Launcher "$@"
