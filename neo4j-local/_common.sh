# Sourced by run.sh / neo4j-admin.sh / admin-import.sh. Not executable on its own.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Build only if missing or stale (pom.xml or anything under src/ newer than the jar). Network only on first build.
stamp="$HERE/target/neo4j-local-0.1.0.jar"
if [[ ! -f "$stamp" || ! -d "$HERE/target/lib" || -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$stamp" -type f 2>/dev/null | head -n 1)" ]]; then
  echo "neo4j-local: building (mvn -q -B package)..." >&2
  (cd "$HERE" && "${MVN:-mvn}" -q -B -Dstyle.color=never package) >&2
fi

# NEO4J_DATA holds everything (data/, logs/); it is NEO4J_HOME for both the server and neo4j-admin.
export NEO4J_DATA="$(mkdir -p "${NEO4J_DATA:-$HERE/data}" && cd "${NEO4J_DATA:-$HERE/data}" && pwd)"

# The add-opens Neo4j's own launcher passes (page cache / native fadvise / netty need them on Java 17).
JAVA_OPENS=(--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true -XX:-OmitStackTraceInFastThrow)
CLASSPATH_NEO4J="$HERE/target/classes:$HERE/target/lib/*"
