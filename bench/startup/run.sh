#!/usr/bin/env bash
# Start-up benchmark (issue 15 §4): ./dbrecover as a user runs it (one process per command, page cache warm),
# side by side with dbsake (Python, `dbsake frmdump`) measured in the same run, and the ratios. Prints; never fails
# on a target.
#
# Usage: DBSAKE_DIR=/path/to/dbsake bench/startup/run.sh [runs]      (runs: per measurement, default 11)
#   DBSAKE_DIR      a checkout of dbsake's public repository (github.com/abg/dbsake; GPL: keep it outside this
#                   repository), the directory that holds the dbsake/ package; or give it as the second argument
#   DBSAKE_PYTHON   the Python 3 that runs it (default python3); it needs dbsake's requirements, click and jinja2
#                   (apt-get install python3-click python3-jinja2)
#   DBRECOVER_FRM_CORPUS   where the .frm files come from (default /usr/share/mysql/mysql-test, from
#                   mariadb-test-data; read in place, copied only into a temp dir)
#   DBRECOVER_BENCH_COPIES how many database directories the large set has (default 100)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-11}"
DBSAKE_DIR="${2:-${DBSAKE_DIR:-}}"
CORPUS="${DBRECOVER_FRM_CORPUS:-/usr/share/mysql/mysql-test}"
COPIES="${DBRECOVER_BENCH_COPIES:-100}"

die() { echo "bench: $*" >&2; exit 5; }
[[ -n "$DBSAKE_DIR" ]] || die "set DBSAKE_DIR to a checkout of dbsake (git clone of github.com/abg/dbsake, outside \
this repository), e.g. DBSAKE_DIR=/tmp/dbsake $0"
[[ -f "$DBSAKE_DIR/dbsake/__init__.py" ]] \
  || die "$DBSAKE_DIR has no dbsake/__init__.py: give the checkout's top directory"
[[ -d "$CORPUS" ]] || die "$CORPUS missing: apt-get install mariadb-test-data"
command -v "${DBSAKE_PYTHON:-python3}" >/dev/null || die "no ${DBSAKE_PYTHON:-python3}: apt-get install python3"
# the interpreter itself, not a wrapper (pyenv shims are shell scripts that would add their own start to dbsake's)
PY="$("${DBSAKE_PYTHON:-python3}" -c 'import sys; print(sys.executable)')"
PYTHONPATH="$DBSAKE_DIR" "$PY" -c 'import click, jinja2' 2>/dev/null \
  || die "$PY cannot import click and jinja2 (dbsake's requirements): apt-get install python3-click python3-jinja2"
export PYTHONPATH="$DBSAKE_DIR"
DBSAKE=("$PY" -m dbsake)
OURS=("$ROOT/dbrecover")

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "bench: building if needed (./dbrecover --version)..." >&2
"${OURS[@]}" --version >/dev/null
echo "dbrecover: $("${OURS[@]}" --version | tr '\n' ' ')"
echo "dbsake:    $("${DBSAKE[@]}" --version 2>&1) ($PY)"
echo "machine:   $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The small set: the corpus .frm files that both tools read (dbsake crashes or gives up on some, we on others).
find "$CORPUS" -name '*.frm' -type f | sort > "$TMP/all"
"$PY" - "$TMP/all" > "$TMP/dbsake-ok" <<'EOF'
import sys
from dbsake.core.mysql import frm
for path in open(sys.argv[1]).read().split('\n'):
    if not path:
        continue
    try:
        frm.parse(path).format(False)   # what `dbsake frmdump` does per file
        print(path)
    except Exception:
        pass
EOF
mapfile -t candidates < "$TMP/dbsake-ok"
((${#candidates[@]} > 0)) || die "dbsake reads none of the .frm files under $CORPUS"
set +e
"${OURS[@]}" mysql ddl --json "${candidates[@]}" > "$TMP/ours.json" 2>/dev/null
set -e
"$PY" -c '
import json, sys
print("\n".join(sorted(i["file"] for i in json.load(open(sys.argv[1]))["items"] if i["status"] == "OK")))
' "$TMP/ours.json" > "$TMP/both"
mapfile -t SMALL < "$TMP/both"
((${#SMALL[@]} > 0)) || die "no .frm file under $CORPUS is read by both tools"
echo "small set: ${#SMALL[@]} .frm files under $CORPUS that both read ($(wc -l < "$TMP/all") there in all)"

# The large set: COPIES database directories, each with a copy of the small set (same-named files from different
# corpus directories get their directory's name in front).
BIG="$TMP/datadir"
mkdir -p "$BIG/db001"
for f in "${SMALL[@]}"; do
  name="${f##*/}"
  [[ -e "$BIG/db001/$name" ]] && name="$(basename "$(dirname "$f")")_$name"
  cp "$f" "$BIG/db001/$name"
done
for ((d = 2; d <= COPIES; d++)); do
  cp -r "$BIG/db001" "$BIG/$(printf 'db%03d' "$d")"
done
echo "large set: $(find "$BIG" -name '*.frm' | wc -l) .frm files in $COPIES database directories (a temp dir)"

# One timed run: wall and CPU (user + system, the process and its children) milliseconds into $ms and $cpu, from
# bash's own `time`; stdout to a file, so that both tools really write their output.
run() {
  local expect="$1"; shift
  local rc real user sys
  set +e
  { TIMEFORMAT='%3R %3U %3S'; time "$@" > "$TMP/out" 2> "$TMP/err"; rc=$?; } 2> "$TMP/time"
  set -e
  if [[ $rc -ne $expect ]]; then
    echo "bench: exit code $rc (expected $expect) from: ${*:1:4} ..." >&2
    tail -5 "$TMP/err" >&2
    exit 1
  fi
  read -r real user sys < "$TMP/time"
  ms=$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 }')
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# measure LABEL -- OURS_CMD... -- DBSAKE_CMD...: RUNS rounds, ours and dbsake in turn, after one warm-up each; the
# medians into MA, MB (wall) and CA, CB (CPU).
measure() {
  local label="$1"; shift; shift
  local ours=() theirs=()
  while [[ "$1" != -- ]]; do ours+=("$1"); shift; done
  shift
  theirs=("$@")
  local a=() b=() ca=() cb=() i
  run 0 "${ours[@]}"; run 0 "${theirs[@]}"
  for ((i = 0; i < RUNS; i++)); do
    run 0 "${ours[@]}"; a+=("$ms"); ca+=("$cpu")
    run 0 "${theirs[@]}"; b+=("$ms"); cb+=("$cpu")
  done
  MA=$(median "${a[@]}"); MB=$(median "${b[@]}")
  CA=$(median "${ca[@]}"); CB=$(median "${cb[@]}")
  printf '%-20s dbrecover %6d ms (CPU %5d)   dbsake %6d ms (CPU %5d)   dbrecover runs: %s\n' \
    "$label" "$MA" "$CA" "$MB" "$CB" "${a[*]}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "== one process per command, page cache warm; medians of $RUNS runs each, ours and dbsake in turn"
measure "--version" -- "${OURS[@]}" --version -- "${DBSAKE[@]}" --version
v_ours=$MA
measure "ddl, ${#SMALL[@]} files" -- "${OURS[@]}" mysql ddl "${SMALL[@]}" -- "${DBSAKE[@]}" frmdump "${SMALL[@]}"
s_ours=$MA; s_dbsake=$MB; s_cours=$CA; s_cdbsake=$CB
measure "ddl, $((COPIES * ${#SMALL[@]})) files" -- "${OURS[@]}" mysql ddl "$BIG" -- "${DBSAKE[@]}" frmdump -r "$BIG"
b_ours=$MA; b_dbsake=$MB; b_cours=$CA; b_cdbsake=$CB
jvm=()
for ((i = 0; i < RUNS; i++)); do run 0 java -version; jvm+=("$ms"); done
printf '%-20s %6d ms (for scale: an empty JVM, java -version)\n' "" "$(median "${jvm[@]}")"

echo
echo "== against the targets (issue 15 §4), wall time; CPU time in brackets (less sensitive to a busy machine)"
printf '%-36s %6d ms                      target <= 300 ms\n' "./dbrecover --version" "$v_ours"
printf '%-36s ours/dbsake %s (CPU %s)     target <= 1, no slower than dbsake\n' \
  "mysql ddl, ${#SMALL[@]} files" "$(ratio "$s_ours" "$s_dbsake")" "$(ratio "$s_cours" "$s_cdbsake")"
printf '%-36s dbsake/ours %s (CPU %s)     target >= 3, 3x faster than dbsake\n' \
  "mysql ddl, $((COPIES * ${#SMALL[@]})) files" "$(ratio "$b_dbsake" "$b_ours")" "$(ratio "$b_cdbsake" "$b_cours")"
