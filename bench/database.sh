#!/usr/bin/env bash
# Measures what a second dump of a PostgreSQL database adds to a Holdfast repository when the
# database changed little. A throwaway cluster is made with the installed initdb and pg_ctl,
# filled with pgbench, backed up, changed in two ways, and backed up after each change.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$bench_dir")

usage() {
  cat <<'USAGE'
Usage: bench/database.sh [--small] [--scale N] [--out FILE] [--work DIR] [--clean]

  --small      CI preset: pgbench scale 5 (about 75 MiB of tables; default scale 50)
  --scale N    pgbench scale factor; 1 is 100,000 accounts
  --out FILE   Markdown file that the run's record is appended to (default: docs/benchmarks.md)
  --work DIR   new folder for the cluster and repository (default: bench/work/database-<UTC>)
  --clean      delete the work folder at the end

Steps, each timed with GNU time: backup 1 of the freshly loaded database; then 1% of the
accounts updated in one range of IDs plus as many history rows inserted, and backup 2; then
a pgbench run of 2,000 transactions (random accounts, scattered over the table), and backup 3.
Each backup prints the bytes read from pg_dump and the bytes added to the repository.
USAGE
}

scale=50
out=$repo_root/docs/benchmarks.md
work=
clean=false
while [ $# -gt 0 ]; do
  case $1 in
    --small) scale=5 ;;
    --scale) scale=$2; shift ;;
    --out) out=$2; shift ;;
    --work) work=$2; shift ;;
    --clean) clean=true ;;
    -h|--help) usage; exit 0 ;;
    *) echo "database bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$pg_bin/initdb" ] || { echo "database bench: initdb not found under /usr/lib/postgresql" >&2; exit 1; }
work=${work:-$bench_dir/work/database-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$work"
chmod 755 "$work"
cluster=$work/cluster
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  as_postgres=(runuser -u postgres --)
  mkdir -p "$cluster" && chown postgres "$cluster"
fi

stop_cluster() {
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  if $clean; then rm -rf "$work"; fi
}
trap stop_cluster EXIT

"${as_postgres[@]}" "$pg_bin/initdb" -D "$cluster/data" -U bench --auth=trust -E UTF8 \
  --no-sync --no-instructions >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
psql=("$pg_bin/psql" -X -q -h 127.0.0.1 -p "$port" -U bench)
"${psql[@]}" -d postgres -c "CREATE DATABASE bench" >/dev/null
"$pg_bin/pgbench" -q -i -s "$scale" -h 127.0.0.1 -p "$port" -U bench bench >/dev/null 2>&1

cat > "$work/holdfast.yaml" <<YAML
repository:
  providers: [local]
providers:
  - { name: local, driver: filesystem, path: ./repo }
sources:
  - name: bench
    postgresql: { port: $port, user: bench, databases: [bench], tools: $pg_bin }
YAML
export HOLDFAST_PASSPHRASE=${BENCH_PASSPHRASE:-$(head -c 18 /dev/urandom | base64)}
[ -f "$repo_root/orchestrator/target/holdfast.jar" ] || (cd "$repo_root" && mvn -B -q -DskipTests package)
holdfast=("$repo_root/holdfast" --config "$work/holdfast.yaml")
"${holdfast[@]}" init >/dev/null

rows=()
backup() {
  local label=$1
  sync
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "${holdfast[@]}" backup --source bench --json \
    > "$work/backup.json"
  local seconds rss read added blobs
  read -r seconds rss < "$work/time.txt"
  blobs=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["blobs_added"])' "$work/backup.json")
  read=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes_read"])' "$work/backup.json")
  added=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bytes_added"])' "$work/backup.json")
  rows+=("| $label | $(awk "BEGIN{printf \"%.1f\", $read/1048576}") | $(awk "BEGIN{printf \"%.2f\", $added/1048576}") | $(awk "BEGIN{printf \"%.2f\", 100*$added/$read}")% | $blobs | $seconds | $((rss / 1024)) |")
  echo "$label: read $read bytes, added $added bytes in $seconds s" >&2
}

accounts=$((scale * 100000))
backup "1: first dump"
"${psql[@]}" -d bench -c "UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid <= $((accounts / 100))" \
  -c "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) SELECT 1, 1, g, 1, now() FROM generate_series(1, $((accounts / 100))) g" >/dev/null
backup "2: 1% of accounts updated in one ID range, as many history rows added"
"$pg_bin/pgbench" -n -t 1000 -c 2 -h 127.0.0.1 -p "$port" -U bench bench >/dev/null 2>&1
backup "3: 2,000 pgbench transactions (scattered accounts)"

{
  echo
  echo "### Database dumps, $(date -u +%Y-%m-%d) (pgbench scale $scale)"
  echo
  echo "Command: \`bench/database.sh$( [ "$scale" = 5 ] && echo ' --small' || { [ "$scale" = 50 ] || echo " --scale $scale"; })\`;"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%d GiB", $2/1048576}' /proc/meminfo), PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}'), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| backup | MiB dumped | MiB added | added / dumped | blobs added | seconds | max RSS MiB |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
} >> "$out"
echo "database bench: record appended to $out" >&2
