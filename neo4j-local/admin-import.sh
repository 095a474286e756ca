#!/usr/bin/env bash
# CSV bulk import into database ${NEO4J_DATABASE:-neo4j} under $NEO4J_DATA (server must not be running on it):
#   NEO4J_DATA=/path/fresh ./admin-import.sh --nodes=nodes.csv --relationships=rels.csv [more import options]
# = neo4j-admin database import full <db> [options]. The database name is put first on purpose: --nodes and
# --relationships take several files, so a trailing <database> would be read as a CSV file.
# Defaults added unless given: --max-off-heap-memory=${NEO4J_IMPORT_OFFHEAP:-512m} (tool default is 90% of RAM),
# --report-file=$NEO4J_DATA/logs/import.report (tool default is ./import.report).
# Importing into an existing non-empty database needs --overwrite-destination=true.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
extra=()
[[ " $* " == *" --max-off-heap-memory"* ]] || extra+=("--max-off-heap-memory=${NEO4J_IMPORT_OFFHEAP:-512m}")
if [[ " $* " != *" --report-file"* ]]; then
  data="$(mkdir -p "${NEO4J_DATA:-$here/data}/logs" && cd "${NEO4J_DATA:-$here/data}" && pwd)"
  extra+=("--report-file=$data/logs/import.report")
fi
exec "$here/neo4j-admin.sh" database import full "${NEO4J_DATABASE:-neo4j}" "${extra[@]}" "$@"
