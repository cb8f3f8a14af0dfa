#!/usr/bin/env bash
# Measures how many bytes beyond an insertion Holdfast and restic store, over many fresh
# repositories. Each repository has its own secret chunker key, so one run of bench/run.sh
# measures a single draw, and this script measures the spread.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/insertion.sh [--trials N] [--size-mib N] [--insert-kib N] [--tools LIST] [--work DIR]

  --trials N       repositories per tool (default 40)
  --size-mib N     size of the random file (default 64)
  --insert-kib N   random bytes inserted halfway into it (default 1024)
  --tools LIST     comma-separated subset of holdfast,restic (default both)
  --work DIR       new folder for the files and repositories
                   (default: bench/work/insertion-<UTC timestamp>); deleted at the end

For each trial and tool: a new repository, a backup of the file, the insertion, a second
backup. The bytes the second backup adds, less the inserted bytes, are the extra: the
chunks around the insertion stored again, plus the second snapshot's trees and index. The
file is random, so compression plays no part. Prints the mean, median, 90th percentile and
largest extra per tool.
EOF
}

die() {
  echo "insertion bench: $*" >&2
  exit 1
}

trials=40 size_mib=64 insert_kib=1024 tools=holdfast,restic work=
while (($# > 0)); do
  case $1 in
    --trials) trials=${2:?--trials needs a number}; shift ;;
    --size-mib) size_mib=${2:?--size-mib needs a number}; shift ;;
    --insert-kib) insert_kib=${2:?--insert-kib needs a number}; shift ;;
    --tools) tools=${2:?--tools needs a list}; shift ;;
    --work) work=${2:?--work needs a folder}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1': see --help" ;;
  esac
  shift
done
[[ $trials =~ ^[1-9][0-9]*$ ]] || die "--trials '$trials' is not a positive number"
[[ $size_mib =~ ^[1-9][0-9]*$ ]] || die "--size-mib '$size_mib' is not a positive number"
[[ $insert_kib =~ ^[1-9][0-9]*$ ]] || die "--insert-kib '$insert_kib' is not a positive number"

bench_dir=$(cd "$(dirname "$0")" && pwd)
repo_root=$(dirname "$bench_dir")
work=${work:-$bench_dir/work/insertion-$(date -u +%Y%m%dT%H%M%SZ)}
if [[ -e $work ]] && [[ -n $(ls -A "$work") ]]; then
  die "work folder '$work' is not empty: pass a new folder to --work"
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
trap 'rm -rf "$work"' EXIT
export HOLDFAST_JAR=${BENCH_HOLDFAST_JAR:-$repo_root/orchestrator/target/holdfast.jar}
export HOLDFAST_PASSPHRASE=insertion-bench RESTIC_PASSWORD=insertion-bench
IFS=, read -r -a tool_list <<<"$tools"
for tool in "${tool_list[@]}"; do
  case $tool in
    holdfast) [[ -f $HOLDFAST_JAR ]] || die "$HOLDFAST_JAR not found: run mvn -B -q -DskipTests package" ;;
    restic) command -v restic >/dev/null || die "restic not found: apt-get install restic" ;;
    *) die "unknown tool '$tool' in --tools: choose from holdfast, restic" ;;
  esac
done

python3 - "$work" "$size_mib" "$insert_kib" <<'PY'
import os, random, sys
work, size_mib, insert_kib = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(7)
original = rng.randbytes(size_mib << 20)
offset = len(original) // 2 + 12345
os.makedirs(f"{work}/before"); os.makedirs(f"{work}/after")
with open(f"{work}/before/file.bin", "wb") as handle:
    handle.write(original)
with open(f"{work}/after/file.bin", "wb") as handle:
    handle.write(original[:offset] + rng.randbytes(insert_kib << 10) + original[offset:])
PY

# Prints the bytes that the second backup of one fresh repository adds.
trial() {
  local tool=$1 repo=$work/repo source=$work/source before after
  rm -rf "$repo" "$source"
  mkdir -p "$repo" "$source"
  cp "$work/before/file.bin" "$source/file.bin"
  if [[ $tool == holdfast ]]; then
    printf 'repository:\n  providers: [local]\nproviders:\n  - { name: local, driver: filesystem, path: "%s" }\n' \
      "$repo" >"$work/holdfast.yaml"
    "$repo_root/holdfast" --config "$work/holdfast.yaml" init >/dev/null
    "$repo_root/holdfast" --config "$work/holdfast.yaml" backup --quiet "$source"
    before=$(du -sb "$repo" | cut -f1)
    cp "$work/after/file.bin" "$source/file.bin"
    "$repo_root/holdfast" --config "$work/holdfast.yaml" backup --quiet "$source"
  else
    restic init --repository-version 2 -r "$repo" -q >/dev/null
    restic -r "$repo" backup --compression auto -q "$source" >/dev/null
    before=$(du -sb "$repo" | cut -f1)
    cp "$work/after/file.bin" "$source/file.bin"
    restic -r "$repo" backup --compression auto -q "$source" >/dev/null
  fi
  after=$(du -sb "$repo" | cut -f1)
  echo $((after - before))
}

for tool in "${tool_list[@]}"; do
  : >"$work/$tool.txt"
  for ((i = 1; i <= trials; i++)); do
    trial "$tool" >>"$work/$tool.txt"
  done
done

python3 - "$work" "$insert_kib" "$trials" "$size_mib" "${tool_list[@]}" <<'PY'
import statistics, sys
work, insert_kib, trials, size_mib, tools = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5:]
print(f"{trials} repositories per tool, {size_mib} MiB random file, {insert_kib} KiB inserted")
print("| tool | mean extra | median | 90th percentile | largest |")
print("| --- | ---: | ---: | ---: | ---: |")
for tool in tools:
    extra = sorted((int(line) - (insert_kib << 10)) / 2**20 for line in open(f"{work}/{tool}.txt"))
    p90 = extra[min(len(extra) - 1, int(len(extra) * 0.9))]
    print(f"| {tool} | {statistics.mean(extra):.2f} MiB | {statistics.median(extra):.2f} MiB "
          f"| {p90:.2f} MiB | {extra[-1]:.2f} MiB |")
PY
