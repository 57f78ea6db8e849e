#!/usr/bin/env bash
# Transplant benchmark (issue 5, "Speed"): the 30-table disaster of the tests recovered end to end (server init and
# start included) with per-table times, and one large table whose import is compared with a plain copy of the
# same file (cp, measured in the same run). Prints; never fails on a target.
# Usage: bench/transplant/run.sh [size-MiB-of-the-large-table]   (needs mariadb-server installed; run as root)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SIZE_MIB="${1:-2048}"

cd "$ROOT"
echo "bench: building (mvn -o -q -B install -DskipTests)..." >&2
mvn -o -q -B install -DskipTests >&2
CP_FILE="$(mktemp)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/dbrecover-bench-XXXXXX")"
trap 'rm -rf "$CP_FILE" "$WORK"' EXIT
mvn -o -q -B -pl recovery-mysql dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CP_FILE" >&2
CP="$ROOT/recovery-mysql/target/test-classes:$ROOT/recovery-mysql/target/classes:$(cat "$CP_FILE")"

java -cp "$CP" io.dbrecover.mysql.transplant.TransplantBench "$WORK" "$SIZE_MIB"
