#!/usr/bin/env bash
# neo4j-admin (org.neo4j.cli.AdminTool from the same jars) with NEO4J_HOME=$NEO4J_DATA, i.e. acting on the
# same databases as run.sh. Example: NEO4J_DATA=/tmp/x ./neo4j-admin.sh database info neo4j
# Offline commands (import, dump/load, ...) need the server on that NEO4J_DATA to be stopped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
export NEO4J_HOME="$NEO4J_DATA"
exec "${JAVA:-java}" -Xmx"${NEO4J_ADMIN_HEAP:-1g}" "${JAVA_OPENS[@]}" -cp "$CLASSPATH_NEO4J" org.neo4j.cli.AdminTool "$@"
