#!/usr/bin/env bash
# verify-backup benchmark (issue 19, "Speed"): a cluster of about SCALE x 15 MB (pgbench -i -s SCALE; 70 gives
# ~1.1 GB), backed up plain and tar.gz with `./dbrecover postgres backup`, then verified by
#   plain:  ./dbrecover postgres verify-backup   vs   pg_verifybackup                        (target ratio <= 1.5)
#   tar.gz: ./dbrecover postgres verify-backup   vs   extract + pg_verifybackup (PG15 reads no tar)  (target < 1)
# in the same run, page cache warm (one untimed run each first), median of RUNS; then a restore of each backup
# (--target immediate) with the time of each phase (lay-out, WAL replay, proof). Prints; never fails on a timing.
# Needs root (the cluster runs as user postgres), PostgreSQL 15's programs, a JDK 17+ and Maven.
#
# Usage: bench/postgres/verify.sh [SCALE] [RUNS]      (default 70 and 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCALE="${1:-70}"
RUNS="${2:-3}"
BIN="${DBRECOVER_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
OURS=("$ROOT/dbrecover")

die() { echo "bench: $*" >&2; exit 5; }
calc() { awk "BEGIN { print $* }"; }
[[ "$(id -u)" == 0 ]] || die "run as root (the cluster runs as user postgres)"
id postgres >/dev/null 2>&1 || die "no user postgres: apt-get install postgresql-15"
for p in initdb pg_ctl pgbench pg_basebackup pg_verifybackup; do
  [[ -x "$BIN/$p" ]] || die "$BIN/$p missing: apt-get install postgresql-15 (or set DBRECOVER_POSTGRES_BIN)"
done

TMP="$(mktemp -d /tmp/dbrecover-bench-pg.XXXXXX)"
chmod 755 "$TMP"
PORT=$(( 20000 + RANDOM % 20000 ))
cleanup() {
  runuser -u postgres -- "$BIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "bench: building if needed (./dbrecover --version)..." >&2
"${OURS[@]}" --version >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# the cluster: trust on loopback only, in a temp dir, as postgres
mkdir "$TMP/data" && chown postgres "$TMP/data"
runuser -u postgres -- "$BIN/initdb" -D "$TMP/data" -U postgres -A trust --no-sync -E UTF8 --locale=C >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" -D "$TMP/data" -l "$TMP/data/log" -w -o \
  "-p $PORT -h 127.0.0.1 -k '' -c fsync=off -c max_wal_size=4GB" start >/dev/null
echo "bench: pgbench -i -s $SCALE ..." >&2
t0=$(date +%s.%N)
runuser -u postgres -- "$BIN/pgbench" -i -q -s "$SCALE" -h 127.0.0.1 -p "$PORT" -U postgres postgres >/dev/null 2>&1
echo "cluster: $(du -sh "$TMP/data" | cut -f1) (pgbench -s $SCALE in $(printf '%.0f' "$(calc "$(date +%s.%N) - $t0")") s)"

URL="jdbc:postgresql://127.0.0.1:$PORT/postgres?user=postgres"
"${OURS[@]}" postgres backup --jdbc-url "$URL" --out "$TMP/plain" >/dev/null
"${OURS[@]}" postgres backup --jdbc-url "$URL" --out "$TMP/targz" --format tar --compress gzip >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" -D "$TMP/data" -m fast stop >/dev/null
echo "backups: plain $(du -sh "$TMP/plain" | cut -f1), tar.gz $(du -sh "$TMP/targz" | cut -f1)"

# median wall time in seconds of a command run RUNS times after one untimed run
median() {
  "$@" >/dev/null 2>&1 || die "failed: $*"
  local times=()
  for _ in $(seq "$RUNS"); do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || die "failed: $*"; e=$(date +%s.%N)
    times+=("$(calc "$e - $s")")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

extract_and_verify() {
  rm -rf "$TMP/x" && mkdir -p "$TMP/x/pg_wal"
  tar xzf "$TMP/targz/base.tar.gz" -C "$TMP/x"
  tar xzf "$TMP/targz/pg_wal.tar.gz" -C "$TMP/x/pg_wal"
  "$BIN/pg_verifybackup" -m "$TMP/targz/backup_manifest" "$TMP/x"
}

BYTES=$(du -sb "$TMP/plain" | cut -f1)
ours_plain=$(median "${OURS[@]}" postgres verify-backup "$TMP/plain")
ref_plain=$(median "$BIN/pg_verifybackup" "$TMP/plain")
ours_tar=$(median "${OURS[@]}" postgres verify-backup "$TMP/targz")
ref_tar=$(median extract_and_verify)
rm -rf "$TMP/x"

printf 'plain  (%s MB): dbrecover %.2f s (%.0f MB/s)   pg_verifybackup %.2f s   ratio %.2f (target <= 1.5)\n' \
  "$((BYTES / 1000000))" "$ours_plain" "$(calc "$BYTES / 1000000 / $ours_plain")" "$ref_plain" \
  "$(calc "$ours_plain / $ref_plain")"
printf 'tar.gz: dbrecover %.2f s   extract + pg_verifybackup %.2f s   ratio %.2f (target < 1)\n' \
  "$ours_tar" "$ref_tar" "$(calc "$ours_tar / $ref_tar")"

# restore: the time of each phase, from the report's steps (the plain backup holds its WAL: target immediate)
echo
echo "restore --target immediate, per phase (the report's steps):"
for b in plain targz; do
  rm -rf "$TMP/restored"
  s=$(date +%s.%N)
  "${OURS[@]}" postgres restore --backup "$TMP/$b" --into "$TMP/restored" --target immediate > "$TMP/restore.txt" 2>&1 \
    || { tail -20 "$TMP/restore.txt" >&2; die "the restore of the $b backup failed"; }
  e=$(date +%s.%N)
  printf '  %-6s %.1f s in all: ' "$b" "$(calc "$e - $s")"
  awk '/^steps:/ {on = 1; next} on && !/^  / {on = 0} on {printf "%s %s %s  ", $2, $3, $4}' "$TMP/restore.txt"
  echo
done
rm -rf "$TMP/restored"
