#!/usr/bin/env bash
# Benchmarks deletion. Holdfast, restic and Borg take the same series of backups, then forget
# all but the newest few and prune. The record shows the time, memory and bytes freed.
# What is measured and how to read the records: docs/benchmarks.md, "Deletion runs".
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$bench_dir")
lib=$bench_dir/lib

usage() {
  cat <<'EOF'
Usage: bench/prune.sh [--small] [--tools LIST] [--backups N] [--keep N] [--out FILE]
                      [--work DIR] [--build] [--clean] [--step-timeout SECONDS]

  --small        CI preset: the dataset of bench/make-dataset.sh --small (about 48 MiB),
                 1 MiB rewritten per round and 6 backups (default: about 3.4 GiB, 64 MiB
                 and 10 backups)
  --tools LIST   comma-separated subset of holdfast,restic,borg (default: all three)
  --backups N    backups taken by each tool, with the dataset mutated between them
                 (default: 10, or 6 with --small)
  --keep N       newest snapshots kept; the others are forgotten and pruned (default: 3)
  --out FILE     Markdown file that the run's record is appended to
                 (default: docs/benchmarks.md)
  --work DIR     new folder for the dataset, repositories and restores
                 (default: bench/work/prune-<UTC timestamp>); raw results go to DIR.json
  --build        rebuild Holdfast even when orchestrator/target/holdfast.jar is newer
                 than every source file
  --clean        delete the work folder at the very end; DIR.json is kept
  --step-timeout SECONDS
                 stop a step that runs longer and count it as failed; 0 means no limit
                 (default: 300 with --small, else 0)

Between backups, bench/mutate.sh --fraction 0.02 changes the dataset with a new seed each
round and replaces large/rewritten.bin, so older snapshots hold data that newer ones do not.
Then each tool forgets all but the newest --keep snapshots and prunes, each step timed with
GNU time after a sync:
  holdfast  forget --keep-last N --confirm-bulk-deletion; wait out the deletion delay of 1s
            sealed at init; prune --confirm-bulk-deletion
  restic    forget --keep-last N; prune
  borg      prune --keep-last N; compact
Afterwards each tool lists its snapshots (there must be --keep), checks its repository and
restores the newest snapshot, which is compared with the dataset.

Environment:
  BENCH_PASSPHRASE        passphrase of all repositories (default: random for each run)
  BENCH_BORG_COMPRESSION  Borg's --compression (default: zstd,3)
  BENCH_HOLDFAST_JAR      Holdfast jar to run instead of building
                          orchestrator/target/holdfast.jar
Java comes from /usr/lib/jvm/temurin-25-jdk-amd64 when present, else from JAVA_HOME.
Exit status: 0 when every step succeeded, every check passed and every restore matched,
1 otherwise.
EOF
}

die() {
  echo "prune bench: $*" >&2
  exit 1
}

small=0
tools=holdfast,restic,borg
backups=
keep=3
out=$repo_root/docs/benchmarks.md
work=
build=auto
clean=0
step_timeout=
command_line=bench/prune.sh
for argument in "$@"; do
  if [[ $argument =~ ^[A-Za-z0-9_,./=:@+-]+$ ]]; then
    command_line+=" $argument"
  else
    command_line+=" $(printf '%q' "$argument")"
  fi
done

while (($# > 0)); do
  case $1 in
    --small) small=1 ;;
    --tools) tools=${2:?--tools needs a value such as restic,borg}; shift ;;
    --backups) backups=${2:?--backups needs a number}; shift ;;
    --keep) keep=${2:?--keep needs a number}; shift ;;
    --out) out=${2:?--out needs a file name}; shift ;;
    --work) work=${2:?--work needs a folder name}; shift ;;
    --build) build=always ;;
    --clean) clean=1 ;;
    --step-timeout) step_timeout=${2:?--step-timeout needs a number of seconds}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
  shift
done

if [[ -z $step_timeout ]]; then
  step_timeout=$((small ? 300 : 0))
fi
[[ $step_timeout =~ ^[0-9]+$ ]] ||
  die "--step-timeout '$step_timeout' is invalid: pass a whole number of seconds"
if [[ -z $backups ]]; then
  backups=$((small ? 6 : 10))
fi
[[ $keep =~ ^[1-9][0-9]*$ ]] || die "--keep '$keep' is invalid: pass a whole number above 0"
[[ $backups =~ ^[1-9][0-9]*$ ]] && ((backups > keep)) ||
  die "--backups '$backups' is invalid: pass a whole number above --keep ($keep)"

IFS=, read -ra tool_list <<<"$tools"
((${#tool_list[@]} > 0)) || die "--tools '$tools' names no tool: pass e.g. holdfast,restic,borg"
for tool in "${tool_list[@]}"; do
  case $tool in
    holdfast | restic | borg) ;;
    *) die "unknown tool '$tool' in --tools: choose from holdfast, restic, borg" ;;
  esac
done

# Installs what the chosen tools and the timing need, from Debian's packages.
install_missing_packages() {
  local -a missing=()
  [[ -x /usr/bin/time ]] || missing+=(time)
  for tool in "${tool_list[@]}"; do
    case $tool in
      restic) command -v restic >/dev/null || missing+=(restic) ;;
      borg) command -v borg >/dev/null || missing+=(borgbackup) ;;
    esac
  done
  command -v python3 >/dev/null || die "python3 not found: install Python 3.8 or later"
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if [[ $(id -u) != 0 ]]; then
    die "missing packages ${missing[*]}: run 'apt-get install ${missing[*]}' as root"
  fi
  echo "prune bench: installing ${missing[*]} with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_missing_packages

if [[ -z $work ]]; then
  work=$bench_dir/work/prune-$(date -u +%Y%m%dT%H%M%SZ)
fi
if [[ -e $work ]] && [[ -n $(ls -A "$work") ]]; then
  die "work folder '$work' is not empty: pass a new folder to --work"
fi
mkdir -p "$work/logs" "$work/mutations" "$(dirname "$out")"
work=$(cd "$work" && pwd)
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
dataset=$work/dataset
started=$(date -u '+%Y-%m-%d %H:%M UTC')
# Other processes on a shared machine skew the timings; the record shows how busy it was.
uptime >"$work/uptime-start.txt"

passphrase=${BENCH_PASSPHRASE:-$(head -c 24 /dev/urandom | base64)}
export RESTIC_PASSWORD=$passphrase BORG_PASSPHRASE=$passphrase HOLDFAST_PASSPHRASE=$passphrase
borg_compression=${BENCH_BORG_COMPRESSION:-zstd,3}

java_home=/usr/lib/jvm/temurin-25-jdk-amd64
[[ -x $java_home/bin/java ]] || java_home=${JAVA_HOME:-}
java=${java_home:+$java_home/bin/}java
jar=${BENCH_HOLDFAST_JAR:-$repo_root/orchestrator/target/holdfast.jar}
holdfast=(env HOLDFAST_JAR="$jar" JAVA_HOME="${java_home:-${JAVA_HOME:-}}" "$repo_root/holdfast")

# Tools with a failed step: their later steps are skipped.
declare -A stopped=()
# Tools with any failure: a failed step, a wrong snapshot count or a restore mismatch.
declare -A failed=()

# Records a failure of TOOL with a message; the run goes on and exits 1 at the end.
fail() {
  local tool=$1 message=$2
  failed[$tool]=1
  echo "prune bench: FAILED: $tool: $message" >&2
  echo "$tool: $message" >>"$work/failures.txt"
}

# Prints the size in bytes of a folder, or - when it does not exist.
size_of() {
  if [[ -d $1 ]]; then du -sb "$1" | cut -f1; else echo -; fi
}

# Runs one step of a tool under GNU time and appends its figures to steps.jsonl.
# Standard output goes to logs/TOOL-STEP.out, standard error to logs/TOOL-STEP.err.
timed() {
  local tool=$1 step=$2
  shift 2
  local base=$work/logs/$tool-$step status=0
  local -a limit=()
  if ((step_timeout > 0)); then
    limit=(timeout --kill-after=10 "$step_timeout")
  fi
  echo "prune bench: $tool: $step" >&2
  /usr/bin/time -v -o "$base.time" "${limit[@]}" "$@" </dev/null >"$base.out" 2>"$base.err" ||
    status=$?
  python3 "$lib/figures.py" record "$work/steps.jsonl" "$tool" "$step" "$base.time" \
    "$status" "$(size_of "$work/repo-$tool")" "$(size_of "$work/home-$tool")"
  if ((status != 0)); then
    stopped[$tool]=1
    if ((step_timeout > 0 && (status == 124 || status == 137))); then
      fail "$tool" "$step timed out after $step_timeout s (output in $base.out and $base.err)"
    else
      fail "$tool" "$step exited with status $status (output in $base.out and $base.err)"
    fi
    tail -n 20 "$base.err" >&2
  fi
  return "$status"
}

# Sets step_command to the command line of STEP for TOOL, as a user would type it.
tool_command() {
  local tool=$1 step=$2 repo=$work/repo-$1 config=$work/holdfast.yaml
  local archive=${step#backup-}
  case $tool:$step in
    restic:init) step_command=(restic -r "$repo" init --repository-version 2) ;;
    restic:backup-*) step_command=(restic -r "$repo" backup --compression auto "$dataset") ;;
    restic:forget) step_command=(restic -r "$repo" forget --keep-last "$keep") ;;
    restic:prune) step_command=(restic -r "$repo" prune) ;;
    restic:list-snapshots) step_command=(restic -r "$repo" snapshots --json) ;;
    restic:check) step_command=(restic -r "$repo" check) ;;
    restic:restore)
      step_command=(restic -r "$repo" restore latest --target "$work/restore-restic")
      ;;
    borg:init) step_command=(borg init --encryption=repokey-blake2 "$repo") ;;
    borg:backup-*)
      step_command=(borg create --compression "$borg_compression" "$repo::$archive" "$dataset")
      ;;
    # Borg's prune removes the archives like a forget; compact frees the space.
    borg:forget) step_command=(borg prune --keep-last "$keep" "$repo") ;;
    borg:prune) step_command=(borg compact "$repo") ;;
    borg:list-snapshots) step_command=(borg list --json "$repo") ;;
    borg:check) step_command=(borg check "$repo") ;;
    # borg extract writes into the current folder and has no option for another one.
    borg:restore)
      step_command=(env -C "$work/restore-borg" borg extract "$repo::$(printf %02d "$backups")")
      ;;
    holdfast:init) step_command=("${holdfast[@]}" --config "$config" init) ;;
    holdfast:backup-*) step_command=("${holdfast[@]}" --config "$config" backup "$dataset") ;;
    holdfast:forget)
      step_command=("${holdfast[@]}" --config "$config" forget --keep-last "$keep"
        --confirm-bulk-deletion)
      ;;
    holdfast:prune)
      step_command=("${holdfast[@]}" --config "$config" --json prune --confirm-bulk-deletion)
      ;;
    holdfast:list-snapshots)
      step_command=("${holdfast[@]}" --config "$config" snapshots --json)
      ;;
    holdfast:check) step_command=("${holdfast[@]}" --config "$config" check) ;;
    holdfast:restore)
      step_command=("${holdfast[@]}" --config "$config" restore latest
        --target "$work/restore-holdfast")
      ;;
    *) die "no command for step '$step' of '$tool'" ;;
  esac
}

# Runs STEP for TOOL unless an earlier step of TOOL failed. Each tool gets its own home
# folder inside the work folder, so caches start empty and are measured with the run.
run_step() {
  local tool=$1 step=$2 home=$work/home-$1
  [[ -z ${stopped[$tool]:-} ]] || return 0
  tool_command "$tool" "$step"
  mkdir -p "$home"
  timed "$tool" "$step" env HOME="$home" XDG_CACHE_HOME="$home/.cache" \
    XDG_CONFIG_HOME="$home/.config" "${step_command[@]}" || true
}

# Builds orchestrator/target/holdfast.jar when it is missing, older than a pom.xml or a
# source file, or when --build was given. A jar named by BENCH_HOLDFAST_JAR is never built.
build_holdfast() {
  local newer=
  if [[ -n ${BENCH_HOLDFAST_JAR:-} ]]; then
    if [[ ! -f $jar ]]; then
      stopped[holdfast]=1
      fail holdfast "BENCH_HOLDFAST_JAR '$jar' not found"
    fi
    return 0
  fi
  if [[ -f $jar ]]; then
    newer=$(find "$repo_root" \( -path "$repo_root/bench" -o -path "$repo_root/.git" \) -prune \
      -o \( -name pom.xml -o -path '*/src/*' \) -newer "$jar" -print -quit)
  fi
  if [[ $build == auto && -f $jar && -z $newer ]]; then
    return 0
  fi
  echo "prune bench: building Holdfast with Maven (log: $work/logs/holdfast-build.log)" >&2
  if ! (cd "$repo_root" && JAVA_HOME=$java_home mvn -B -q -DskipTests package) \
    >"$work/logs/holdfast-build.log" 2>&1; then
    tail -n 30 "$work/logs/holdfast-build.log" >&2
    stopped[holdfast]=1
    fail holdfast "build with 'mvn -B -q -DskipTests package' failed"
  elif [[ ! -f $jar ]]; then
    stopped[holdfast]=1
    fail holdfast "the build made no $jar"
  fi
}

# Writes the configuration: one filesystem provider, a deletion delay short enough to wait
# out, and the dataset as a source, because forget applies its policy per source.
write_holdfast_config() {
  mkdir -p "$work/repo-holdfast"
  cat >"$work/holdfast.yaml" <<YAML
repository:
  providers: [local]
  deletion-delay: ${holdfast_delay}s
providers:
  - name: local
    driver: filesystem
    path: "$work/repo-holdfast"
sources:
  - name: dataset
    paths: ["$dataset"]
YAML
}

write_settings() {
  python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
    restic "\`init --repository-version 2\`, \`backup --compression auto\`; \
\`forget --keep-last $keep\`, then \`prune\` with its defaults (\`--max-unused 5%\`)" \
    borg "\`init --encryption=repokey-blake2\`, \`create --compression $borg_compression\`; \
\`prune --keep-last $keep\`, then \`compact\` with its defaults (\`--threshold 10\`)" \
    holdfast "\`init\` with \`repository.deletion-delay: ${holdfast_delay}s\`, \`backup\`; \
\`forget --keep-last $keep --confirm-bulk-deletion\`, a wait of $((holdfast_delay + 1)) s, \
then \`prune --confirm-bulk-deletion\` with its defaults (\`--repack-threshold 50%\`); \
Java from ${java_home:-PATH}" \
    >"$work/settings.json"
}

# Checks that the tool lists exactly the snapshots that --keep keeps.
check_snapshot_count() {
  local tool=$1 listing=$work/logs/$1-list-snapshots.out
  [[ -z ${stopped[$tool]:-} ]] || return 0
  if ! python3 "$lib/figures.py" snapshots "$listing" "$keep" >&2; then
    fail "$tool" "the snapshot list in $listing does not contain the $keep snapshots kept"
  fi
}

# Restores the newest snapshot, compares it with the dataset as last backed up, then
# deletes it, so that only one restored copy takes disk space at a time.
verify_restore() {
  local tool=$1 target=$work/restore-$1 found
  [[ -z ${stopped[$tool]:-} ]] || return 0
  mkdir -p "$target"
  run_step "$tool" restore
  [[ -z ${stopped[$tool]:-} ]] || return 0
  echo "prune bench: $tool: verifying the restore" >&2
  found=$(python3 "$lib/tree.py" locate "$dataset" "$target") || found=$target
  if ! python3 "$lib/tree.py" compare "$work/manifest-last.json" "$found" \
    >"$work/restore-check-$tool.json"; then
    cat "$work/restore-check-$tool.json" >&2
    fail "$tool" "RESTORE MISMATCH: $found differs from the dataset (see restore-check-$tool.json)"
  fi
  rm -rf -- "$target"
}

holdfast_delay=1
if ((small)); then
  preset=small dataset_flags=(--small) rewrite_mib=1
else
  preset=full dataset_flags=() rewrite_mib=64
fi

python3 "$lib/figures.py" machine "$java" "$work" >"$work/machine.json"
write_settings
echo "prune bench: generating the $preset dataset in $dataset" >&2
"$bench_dir/make-dataset.sh" "${dataset_flags[@]}" --out "$dataset" --json "$work/dataset.json"

for tool in "${tool_list[@]}"; do
  if [[ $tool == holdfast ]]; then
    build_holdfast
    write_holdfast_config
  fi
  run_step "$tool" init
done

# All tools back up the same state in each round, so the dataset is mutated in place once
# per round: a copy in a new folder would look like new files to every change detection.
for ((round = 1; round <= backups; round++)); do
  if ((round > 1)); then
    echo "prune bench: mutating the dataset for backup $round of $backups" >&2
    "$bench_dir/mutate.sh" "$dataset" --seed $((100 + round)) --fraction 0.02 \
      --rewrite-mib "$rewrite_mib" --json "$work/mutations/$round.json"
  fi
  for tool in "${tool_list[@]}"; do
    run_step "$tool" "backup-$(printf %02d "$round")"
  done
done
python3 "$lib/tree.py" manifest "$dataset" "$work/manifest-last.json"

# The backups leave dirty pages; writing them back during a deletion would be charged to it.
for tool in "${tool_list[@]}"; do
  sync
  run_step "$tool" forget
  if [[ $tool == holdfast ]]; then
    sleep $((holdfast_delay + 1))
  fi
  sync
  run_step "$tool" prune
done

for tool in "${tool_list[@]}"; do
  run_step "$tool" list-snapshots
  check_snapshot_count "$tool"
  run_step "$tool" check
  verify_restore "$tool"
done

python3 "$lib/prune_report.py" "$work" "$out" "$command_line" "$started" "$preset" "$tools" \
  "$backups" "$keep"
echo "prune bench: record appended to $out; raw results in $work.json" >&2

if ((clean)); then
  rm -rf -- "$work"
fi
if ((${#failed[@]} > 0)); then
  die "failures in: ${!failed[*]} (see above and $work.json)"
fi
echo "prune bench: every step succeeded, every check passed and every restore matched" >&2
