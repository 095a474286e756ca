#!/usr/bin/env bash
# Run a local Neo4j 5.26 community server (Bolt + HTTP + Browser) in-process; see README.md.
# Env: NEO4J_BOLT_PORT (7687), NEO4J_HTTP_PORT (7474), NEO4J_PASSWORD (jkg-local-password, >= 8 chars),
#      NEO4J_DATA (<this dir>/data), NEO4J_PAGECACHE (256m), NEO4J_HEAP (1g), NEO4J_HEAP_INITIAL (256m),
#      NEO4J_TX_MEMORY (dbms.memory.transaction.total.max; Neo4j's default is 70% of the heap),
#      NEO4J_TX_MAX (db.memory.transaction.max, one transaction; default: no limit but the total),
#      NEO4J_BROWSER_POST_CONNECT_CMD, NEO4J_BROWSER_ALLOWLIST (*), JAVA (java), MVN (mvn).
# Ready when stdout prints the single line:
#   Neo4j <version> ready: bolt://127.0.0.1:<bolt>  browser: http://127.0.0.1:<http>/browser/
# Neo4j's log goes to stderr (and $NEO4J_DATA/logs/debug.log). SIGTERM/Ctrl-C stop it cleanly (exit 0).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
exec "${JAVA:-java}" -Xms"${NEO4J_HEAP_INITIAL:-256m}" -Xmx"${NEO4J_HEAP:-1g}" -XX:+UseG1GC \
  -XX:+ExitOnOutOfMemoryError -XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024 "${JAVA_OPENS[@]}" \
  -cp "$CLASSPATH_NEO4J" org.jkg.neo4jlocal.Launcher "$@"
