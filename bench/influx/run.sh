#!/usr/bin/env bash
# InfluxDB TSM benchmark (issue 18, "Speed"): `dbrecover influx verify` throughput in MB/s and `influx export` in
# values/s on a data set of VALUES field values (default 10 million) that a real influxd writes, with the heap the
# JVM needed, side by side with influx_inspect verify/export measured in the same run when influx_inspect is found.
# Prints; never fails on a target.
#
# Usage: bench/influx/run.sh [values] [runs]       (default 10000000 values, 5 runs per measurement)
#   DBRECOVER_INFLUX_INSPECT   the influx_inspect to compare with (default: the one on PATH; Debian ships none)
# Needs: a JDK 17+, Maven (the build runs through ./dbrecover), influxd (apt-get install influxdb), curl. As root
# influxd runs as the influxdb user. Everything lives in a temp dir removed at the end; influxd is always stopped.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VALUES="${1:-10000000}"
RUNS="${2:-5}"
INSPECT="${DBRECOVER_INFLUX_INSPECT:-$(command -v influx_inspect || true)}"
OURS=("$ROOT/dbrecover")

die() { echo "bench: $*" >&2; exit 5; }
command -v influxd >/dev/null || die "influxd missing: apt-get install influxdb"
command -v curl >/dev/null || die "curl missing: apt-get install curl"

TMP="$(mktemp -d)"
PID=""
cleanup() {
  if [[ -n "$PID" ]] && kill -0 "$PID" 2>/dev/null; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port from $1"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
calc() { awk "BEGIN {print $1}"; }
# wall seconds of one command, its output thrown away; exit codes other than those allowed stop the script
timed() {
  local allowed="$1" start end rc=0
  shift
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$TMP/stderr" || rc=$?
  end=$(date +%s.%N)
  [[ " $allowed " == *" $rc "* ]] || { cat "$TMP/stderr" >&2; die "$* exited $rc"; }
  calc "$end - $start"
}

echo "bench: building if needed (./dbrecover --version)..." >&2
"${OURS[@]}" --version >/dev/null
echo "dbrecover:      $("${OURS[@]}" --version | tr '\n' ' ')"
echo "influxd:        $(influxd version 2>/dev/null | head -1)"
echo "influx_inspect: ${INSPECT:-not found (the Debian influxdb package ships none): no reference ratio this run}"
echo "machine:        $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# A throwaway influxd that snapshots its cache to TSM two seconds after the last write and compacts soon after
HTTP=$(free_port 18086)
RPC=$(free_port $((HTTP + 300)))
DIR="$TMP/influxdb"
mkdir -p "$DIR/meta" "$DIR/data" "$DIR/wal"
cat > "$TMP/influxdb.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:$RPC"
[meta]
  dir = "$DIR/meta"
[data]
  dir = "$DIR/data"
  wal-dir = "$DIR/wal"
  index-version = "tsi1"
  cache-snapshot-write-cold-duration = "2s"
  compact-full-write-cold-duration = "5s"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$HTTP"
  log-enabled = false
[monitor]
  store-enabled = false
CONF
RUN=()
if [[ $(id -u) == 0 ]] && id influxdb >/dev/null 2>&1; then
  chown -R influxdb: "$DIR"
  chmod 755 "$TMP"
  RUN=(runuser -u influxdb --)
fi
"${RUN[@]}" influxd run -config "$TMP/influxdb.conf" > "$TMP/influxd.log" 2>&1 &
PID=$!
for _ in $(seq 100); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP/ping")" == 204 ]] && break
  kill -0 "$PID" 2>/dev/null || { tail -20 "$TMP/influxd.log" >&2; die "influxd did not start"; }
  sleep 0.2
done
curl -s -XPOST "http://127.0.0.1:$HTTP/query" --data-urlencode "q=CREATE DATABASE bench" >/dev/null
echo "bench: writing $VALUES values through influxd's HTTP API..." >&2
start=$(date +%s.%N)
written=$(java "$ROOT/bench/influx/Generate.java" "http://127.0.0.1:$HTTP" bench "$VALUES")
echo "written:        $written values in $(printf '%.1f' "$(calc "$(date +%s.%N) - $start")") s"
# until the cache is on disk: no WAL segment left with data in it and the TSM files no longer change
last=""
for _ in $(seq 300); do
  sleep 2
  now="$(find "$DIR/data" -name '*.tsm' -printf '%s %p\n' | sort | md5sum)"
  busy="$(find "$DIR/wal" -name '*.wal' -size +1k | wc -l)"
  [[ "$busy" == 0 && "$now" == "$last" ]] && break
  last="$now"
done
kill -TERM "$PID"
wait "$PID" 2>/dev/null || true
PID=""
TSM_BYTES=$(find "$DIR/data" -name '*.tsm' -printf '%s\n' | awk '{s+=$1} END {print s+0}')
TSM_FILES=$(find "$DIR/data" -name '*.tsm' | wc -l)
echo "data set:       $TSM_FILES TSM files, $((TSM_BYTES / 1048576)) MiB"
mb() { printf '%.0f' "$(calc "$TSM_BYTES / 1000000 / $1")"; }

echo
echo "== verify (CRC of every block and the index), JVM start included, median of $RUNS"
for _ in $(seq "$RUNS"); do timed 0 "${OURS[@]}" influx verify "$DIR/data"; done | median > "$TMP/v"
V=$(cat "$TMP/v")
printf 'ours:           %.2f s  %s MB/s\n' "$V" "$(mb "$V")"
for _ in $(seq "$RUNS"); do timed 0 "${OURS[@]}" --version; done | median > "$TMP/jvm"
J=$(cat "$TMP/jvm")
printf 'ours running:   %s MB/s (less the %.2f s of ./dbrecover --version)\n' "$(mb "$(calc "$V - $J")")" "$J"
if [[ -n "$INSPECT" ]]; then
  for _ in $(seq "$RUNS"); do timed 0 "$INSPECT" verify -dir "$DIR"; done | median > "$TMP/rv"
  R=$(cat "$TMP/rv")
  printf 'influx_inspect: %.2f s  %s MB/s\nratio ours/influx_inspect: %.2f   target: at most 2\n' "$R" "$(mb "$R")" \
    "$(calc "$V / $R")"
fi

# The data set above is small in bytes (regular timestamps compress well): the JVM's start is most of that time. A
# file of 1 GiB made of copies of influxd's own blocks under new keys (TsmBench, in recovery-influx's test sources)
# shows the speed once running.
echo "bench: making a 1 GiB TSM file from the blocks of the largest one (TsmBench generate)..." >&2
(cd "$ROOT" && mvn -q -o -B -Dcheckstyle.skip=true -pl recovery-influx -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$TMP/cp" -Dmdep.includeScope=test) >&2 || die "building recovery-influx's test classes failed"
BIG="$TMP/big/data/bench/autogen/1"
mkdir -p "$BIG"
SRC=$(find "$DIR/data" -name '*.tsm' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2-)
java -cp "$ROOT/recovery-influx/target/test-classes:$ROOT/recovery-influx/target/classes:$(cat "$TMP/cp")" \
  io.dbrecover.influx.tsm.TsmBench generate "$SRC" "$BIG/000000001-000000001.tsm" 1024 >/dev/null
BIG_BYTES=$(stat -c %s "$BIG/000000001-000000001.tsm")
for _ in $(seq "$RUNS"); do timed 0 "${OURS[@]}" influx verify "$TMP/big/data"; done | median > "$TMP/vb"
VB=$(cat "$TMP/vb")
printf 'ours, 1 GiB:    %.2f s  %.0f MB/s with the JVM start, %.0f MB/s without it   target: over 1000 once running\n' \
  "$VB" "$(calc "$BIG_BYTES / 1000000 / $VB")" "$(calc "$BIG_BYTES / 1000000 / ($VB - $J)")"
rm -rf "$TMP/big"

echo
echo "== export (line protocol, WAL merged, tombstones applied), JVM start included, median of $RUNS"
for _ in $(seq "$RUNS"); do
  rm -f "$TMP/ours.lp"
  timed 0 "${OURS[@]}" influx export --datadir "$DIR/data" --waldir "$DIR/wal" --out "$TMP/ours.lp"
done | median > "$TMP/e"
E=$(cat "$TMP/e")
LINES=$(grep -vc '^#\|^CREATE\|^$' "$TMP/ours.lp" || true)
printf 'ours:           %.2f s  %s values/s  (%s lines, %s MiB)\n' "$E" \
  "$(printf "%.0f" "$(calc "$LINES / $E")")" "$LINES" "$(($(stat -c %s "$TMP/ours.lp") / 1048576))"
# flat memory: the same export with a heap far smaller than the output, and the live heap after each collection
rm -f "$TMP/ours.lp"
if DBRECOVER_JAVA_OPTS="-Xmx64m -Xlog:gc:file=$TMP/gc.log" "${OURS[@]}" influx export --datadir "$DIR/data" \
    --waldir "$DIR/wal" --out "$TMP/ours.lp" >/dev/null 2>"$TMP/stderr"; then
  peak=$(grep -o '[0-9]*M->[0-9]*M' "$TMP/gc.log" | sed 's/.*->//; s/M//' | sort -n | tail -1)
  echo "heap:           export done with -Xmx64m; largest heap after a collection: ${peak:-0} MB (flat: it does not grow with the data)"
else
  echo "heap:           export FAILED with -Xmx64m (memory grows with the data): $(tail -3 "$TMP/stderr")"
fi
rm -f "$TMP/ours.lp"
if [[ -n "$INSPECT" ]]; then
  for _ in $(seq "$RUNS"); do
    rm -f "$TMP/ref.lp"
    timed 0 "$INSPECT" export -datadir "$DIR/data" -waldir "$DIR/wal" -out "$TMP/ref.lp"
  done | median > "$TMP/re"
  RE=$(cat "$TMP/re")
  printf 'influx_inspect: %.2f s\nratio ours/influx_inspect: %.2f   target: at most 1\n' "$RE" "$(calc "$E / $RE")"
fi
