#!/usr/bin/env bash
# .frm reader benchmark (issue 4, "Speed"): warm files/s of ours, the same files decoded by a throwaway MariaDB
# server (the reference, measured in the same run), and the cold CLI run over the corpus. Prints; never fails on
# a target. Usage: bench/frm/run.sh [rounds]   (needs mariadb-server and mariadb-test-data installed)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${DBRECOVER_FRM_CORPUS:-/usr/share/mysql/mysql-test}"
FIXTURES="$ROOT/recovery-mysql/src/test/resources/frm"
ROUNDS="${1:-15}"
CLI_RUNS="${DBRECOVER_BENCH_CLI_RUNS:-5}"
[[ -d "$CORPUS" ]] || { echo "bench: $CORPUS missing: apt-get install mariadb-test-data" >&2; exit 5; }

cd "$ROOT"
echo "bench: building (mvn -o -q -B install -DskipTests)..." >&2
mvn -o -q -B install -DskipTests >&2
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE" "${OUT:-}"' EXIT
mvn -o -q -B -pl recovery-mysql dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$CP_FILE" >&2
CP="$ROOT/recovery-mysql/target/test-classes:$ROOT/recovery-mysql/target/classes:$(cat "$CP_FILE")"

echo "== warm: ours vs a MariaDB server, same run"
java -cp "$CP" io.dbrecover.mysql.frm.FrmBench "$CORPUS" "$FIXTURES" "$ROUNDS"

echo "== cold: ./dbrecover mysql ddl $CORPUS (JVM start included), $CLI_RUNS runs"
OUT="$(mktemp --suffix=.sql)"
times=()
for ((i = 0; i < CLI_RUNS; i++)); do
  start=$(date +%s%N)
  set +e
  "$ROOT/dbrecover" mysql ddl "$CORPUS" --out "$OUT" >/dev/null 2>&1
  rc=$?
  set -e
  end=$(date +%s%N)
  # 3 = some corpus files are unsupported (old layouts, damaged test files); anything else is a real failure.
  if [[ $rc -ne 0 && $rc -ne 3 ]]; then
    echo "bench: ./dbrecover mysql ddl exited $rc" >&2
    exit 1
  fi
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( CLI_RUNS / 2 ))]}
printf 'cold CLI run over the corpus: median %d ms (runs: %s ms; exit code %d; target < 1500 ms)\n' \
  "$median" "${times[*]}" "$rc"
