#!/usr/bin/env bash
# Measures what replication costs: a backup to three providers against a backup to one, and a
# restore with the preferred provider down against a normal restore. Holdfast only; the
# comparison with restic and Borg is bench/run.sh.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/replication.sh [--small] [--dataset DIR] [--work DIR] [--out FILE] [--clean]

  --small        CI preset: a generated dataset of about 48 MiB with 2,000 small files
                 (default: about 3.4 GiB with 200,000 small files)
  --dataset DIR  back up this folder instead of generating one; it is only read
  --work DIR     new folder for the repositories and restores
                 (default: bench/work/replication-<UTC timestamp>)
  --out FILE     Markdown file that the run's record is appended to
                 (default: docs/benchmarks.md)
  --clean        delete the work folder at the end

Steps, each timed with GNU time after a sync:
  one provider:     init, backup, restore
  three providers:  init, backup, restore, restore with provider "a" down
The three providers are folders on one disk, with copies: 3, differ-by: [operator] and
write-quorum: 2. Provider "a" is the one reads prefer; it is taken down by renaming its
folder, as an unmounted volume would look. Every restore is compared with the dataset.
Exit status: 0 when every step succeeded and every restore matched, 1 otherwise.
EOF
}

die() {
  echo "replication bench: $*" >&2
  exit 1
}

command_line="bench/replication.sh${*:+ $*}"
small=0 dataset= work= out= clean=0
while (($# > 0)); do
  case $1 in
    --small) small=1 ;;
    --dataset) dataset=${2:?--dataset needs a folder}; shift ;;
    --work) work=${2:?--work needs a folder}; shift ;;
    --out) out=${2:?--out needs a file}; shift ;;
    --clean) clean=1 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1': see --help" ;;
  esac
  shift
done

bench_dir=$(cd "$(dirname "$0")" && pwd)
repo_root=$(dirname "$bench_dir")
out=${out:-$repo_root/docs/benchmarks.md}
[[ -x /usr/bin/time ]] || die "GNU time not found: apt-get install time"
[[ -z $dataset || -d $dataset ]] || die "--dataset '$dataset' is not a folder"
work=${work:-$bench_dir/work/replication-$(date -u +%Y%m%dT%H%M%SZ)}
if [[ -e $work ]] && [[ -n $(ls -A "$work") ]]; then
  die "work folder '$work' is not empty: pass a new folder to --work"
fi
mkdir -p "$work/logs"
work=$(cd "$work" && pwd)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

jar=${BENCH_HOLDFAST_JAR:-$repo_root/orchestrator/target/holdfast.jar}
[[ -f $jar ]] || die "$jar not found: build it with 'mvn -B -q -DskipTests package'"
export HOLDFAST_JAR=$jar
export HOLDFAST_PASSPHRASE=${BENCH_PASSPHRASE:-$(head -c 24 /dev/urandom | base64)}

if [[ -z $dataset ]]; then
  dataset=$work/dataset
  preset=()
  ((small)) && preset=(--small)
  echo "replication bench: generating the dataset in $dataset" >&2
  python3 "$bench_dir/lib/make_dataset.py" --out "$dataset" "${preset[@]}" \
    --json "$work/dataset.json" >/dev/null
fi
dataset=$(cd "$dataset" && pwd)

cat >"$work/one.yaml" <<YAML
repository:
  providers: [solo]
providers:
  - { name: solo, driver: filesystem, path: "$work/one/solo" }
YAML
cat >"$work/three.yaml" <<YAML
repository:
  providers: [a, b, c]
  copies: 3
  differ-by: [operator]
  write-quorum: 2
providers:
  - { name: a, driver: filesystem, path: "$work/three/a", operator: Alpha }
  - { name: b, driver: filesystem, path: "$work/three/b", operator: Bravo }
  - { name: c, driver: filesystem, path: "$work/three/c", operator: Charlie }
YAML
mkdir -p "$work/one/solo" "$work/three/a" "$work/three/b" "$work/three/c"

failed=0
results=$work/steps.tsv
: >"$results"

# Runs one step under GNU time and appends "name seconds peak-KiB status" to the results.
step() {
  local name=$1 status=0
  shift
  echo "replication bench: $name" >&2
  # The three-provider backup leaves gigabytes of dirty pages; writing them back during the
  # next step would be charged to that step.
  sync
  /usr/bin/time -f '%e %M' -o "$work/logs/$name.time" "$@" </dev/null \
    >"$work/logs/$name.out" 2>"$work/logs/$name.err" || status=$?
  if ((status != 0)); then
    failed=1
    echo "replication bench: $name exited with status $status (see $work/logs/$name.err)" >&2
    tail -n 5 "$work/logs/$name.err" >&2
  fi
  printf '%s\t%s\t%s\n' "$name" "$(tail -n 1 "$work/logs/$name.time")" "$status" >>"$results"
}

# Compares a restore with the dataset and records a mismatch as a failure.
same() {
  local name=$1 restored=$2
  if ! diff -r --no-dereference -q "$dataset" "$restored/$(basename "$dataset")" \
    >"$work/logs/$name.diff" 2>&1; then
    failed=1
    echo "replication bench: $name differs from the dataset (see $work/logs/$name.diff)" >&2
    printf '%s\tmismatch\n' "$name" >>"$results"
  fi
  rm -rf "$restored"
}

holdfast=("$repo_root/holdfast")
step one-init "${holdfast[@]}" --config "$work/one.yaml" init
step one-backup "${holdfast[@]}" --config "$work/one.yaml" backup --quiet "$dataset"
step one-restore "${holdfast[@]}" --config "$work/one.yaml" restore latest --quiet \
  --target "$work/restore"
same one-restore "$work/restore"

step three-init "${holdfast[@]}" --config "$work/three.yaml" init
step three-backup "${holdfast[@]}" --config "$work/three.yaml" backup --quiet "$dataset"
step three-restore "${holdfast[@]}" --config "$work/three.yaml" restore latest --quiet \
  --target "$work/restore"
same three-restore "$work/restore"
mv "$work/three/a" "$work/three/a-down"
step three-restore-a-down "${holdfast[@]}" --config "$work/three.yaml" restore latest --quiet \
  --target "$work/restore"
same three-restore-a-down "$work/restore"
mv "$work/three/a-down" "$work/three/a"

python3 - "$results" "$out" "$started" "$dataset" "$(git -C "$repo_root" rev-parse --short HEAD)" \
  "$(nproc)" "$(du -sb "$dataset" | cut -f1)" "$command_line" <<'PY'
import sys

results, out, started, dataset, commit, cores, size, command = sys.argv[1:]
rows = {}
mismatch = set()
for line in open(results):
    fields = line.rstrip("\n").split("\t")
    if fields[1] == "mismatch":
        mismatch.add(fields[0])
        continue
    seconds, kib = fields[1].split()
    rows[fields[0]] = (float(seconds), int(kib), int(fields[2]))

def ratio(a, b):
    if a in rows and b in rows and rows[b][0] > 0:
        return rows[a][0] / rows[b][0]
    return None

size = int(size)
lines = [
    "",
    f"## Replication run of {started}",
    "",
    f"Command: `{command}`, commit {commit}, "
    f"{cores} cores. Dataset: {dataset} ({size / 2**20:,.0f} MiB). Three filesystem "
    "providers on one disk, `copies: 3`, `write-quorum: 2`; provider \"a\" taken down by "
    "renaming its folder.",
    "",
    "| step | wall time | throughput | peak RSS | status |",
    "| --- | --- | --- | --- | --- |",
]
for name, (seconds, kib, status) in rows.items():
    rate = f"{size / seconds / 1e6:,.1f} MB/s" if "backup" in name or "restore" in name else "-"
    state = "ok" if status == 0 else f"exit {status}"
    if name in mismatch:
        state = "restore differs"
    lines.append(f"| {name} | {seconds:.2f} s | {rate} | {kib / 1024:.0f} MiB | {state} |")
backup = ratio("three-backup", "one-backup")
down = ratio("three-restore-a-down", "three-restore")
down_one = ratio("three-restore-a-down", "one-restore")
lines.append("")
if backup is not None:
    lines.append(f"- Backup to three providers / backup to one: {backup:.2f} "
                 f"(target at most 1.3: {'met' if backup <= 1.3 else 'not met'}).")
if down is not None:
    lines.append(f"- Restore with \"a\" down / normal restore from three: {down:.2f} "
                 f"(target at most 1.2: {'met' if down <= 1.2 else 'not met'}); "
                 f"against the one-provider restore: {down_one:.2f}.")
with open(out, "a") as handle:
    handle.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY

if ((clean)); then
  rm -rf "$work"
fi
exit "$failed"
