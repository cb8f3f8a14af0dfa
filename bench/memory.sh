#!/usr/bin/env bash
# Reproduces the heap use of backup and prune on a repository of many small blobs without the
# full prune benchmark: random files of 64 KiB cut into chunks of about 600 bytes give BLOBS
# blobs. Each backup after the first rewrites about 30% of the files, so prune has packs to
# delete and repack. Every step runs with HOLDFAST_HEAP when it is set, and otherwise with
# the launcher's choice: 128m, or the heap that an earlier step found the index needs (the
# heap hint in the cache folder, here WORKDIR/cache). A step that runs out of heap makes the
# script fail.
#
# Usage: bench/memory.sh [BLOBS] [WORKDIR]   (defaults: 300000, a new temporary folder)
# Environment: HOLDFAST_HEAP, HOLDFAST_JAR as for ./holdfast; BACKUPS (default 3).
set -euo pipefail
blobs=${1:-300000}
work=${2:-$(mktemp -d)}
backups=${BACKUPS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
export HOLDFAST_PASSPHRASE=memory-bench-passphrase XDG_CACHE_HOME=$work/cache
mkdir -p "$work/data"
cat >"$work/holdfast.yaml" <<YAML
repository:
  providers: [local]
  deletion-delay: 1s
  chunker: { min: 256, average: 512, max: 2KiB }
  compression: 0
providers:
  - name: local
    driver: filesystem
    path: "$work/repo"
sources:
  - name: data
    paths: ["$work/data"]
YAML
size=$((blobs * 600))
# The peak resident size of each step, from GNU time.
step() {
  local name=$1
  shift
  local started=$SECONDS heap=${HOLDFAST_HEAP:-128m}
  if [ -z "${HOLDFAST_HEAP:-}" ] && [ -r "$XDG_CACHE_HOME/holdfast/heap-mib" ]; then
    heap="$(cat "$XDG_CACHE_HOME/holdfast/heap-mib")m (hint)"
  fi
  if ! /usr/bin/time -f '%M' -o "$work/$name.rss" "$here/holdfast" --config "$work/holdfast.yaml" "$@" \
      >"$work/$name.out" 2>"$work/$name.err"; then
    echo "memory bench: $name failed with a heap of $heap:" >&2
    tail -n 5 "$work/$name.err" >&2
    exit 1
  fi
  echo "memory bench: $name took $((SECONDS - started)) s with a heap of $heap, peak RSS $(( $(tail -n 1 "$work/$name.rss") / 1024 )) MiB" >&2
}
files=$((size / 65536))
for ((dir = 0; dir * 100 < files; dir++)); do
  mkdir -p "$work/data/$dir"
  head -c $((65536 * (files - dir * 100 < 100 ? files - dir * 100 : 100))) /dev/urandom \
    | split -b 64K -a 3 -d - "$work/data/$dir/f"
done
step init init
for ((round = 1; round <= backups; round++)); do
  if ((round > 1)); then
    # Files whose names end in one of three digits, other digits each round, get new content.
    find "$work/data" -type f -name "f*[$((round - 2))$((round + 2))$((round + 6))]" \
      -exec sh -c 'head -c 65536 /dev/urandom >"$1"' sh {} \;
  fi
  step "backup-$round" backup
done
step forget forget --keep-last 1 --confirm-bulk-deletion
sleep 2
step prune --json prune --confirm-bulk-deletion
step check check
echo "memory bench: done in $work" >&2
