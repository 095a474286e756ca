#!/usr/bin/env bash
# Build neo4j-local (download the pinned Neo4j jars from Maven Central) if missing or stale.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_common.sh"
echo "neo4j-local: built ($(ls "$HERE/target/lib" | wc -l) jars in target/lib)"
