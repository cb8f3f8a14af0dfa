#!/usr/bin/env bash
# Benchmarks Holdfast, restic and Borg on one generated dataset and records the figures.
# What is measured and how to read the records: docs/benchmarks.md.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(dirname "$bench_dir")
lib=$bench_dir/lib

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--small] [--tools LIST] [--out FILE] [--work DIR] [--build] [--clean]
                    [--step-timeout SECONDS]

  --small        CI preset: a dataset of about 48 MiB with 2,000 small files
                 (default: about 3.4 GiB with 200,000 small files)
  --tools LIST   comma-separated subset of holdfast,restic,borg (default: all three)
  --out FILE     Markdown file that the run's record is appended to
                 (default: docs/benchmarks.md)
  --work DIR     new folder for the dataset, repositories and restores
                 (default: bench/work/<UTC timestamp>); raw results go to DIR.json
  --build        rebuild Holdfast even when orchestrator/target/holdfast.jar is newer
                 than every source file
  --clean        delete the work folder at the very end; DIR.json is kept
  --step-timeout SECONDS
                 stop a step that runs longer and count it as failed; 0 means no limit
                 (default: 300 with --small, else 0)

Environment:
  BENCH_PASSPHRASE        passphrase of all repositories (default: random for each run)
  BENCH_BORG_COMPRESSION  Borg's --compression (default: zstd,3)
  BENCH_HOLDFAST_JAR      Holdfast jar to run instead of building
                          orchestrator/target/holdfast.jar
Java comes from /usr/lib/jvm/temurin-25-jdk-amd64 when present, else from JAVA_HOME.
Exit status: 0 when every step succeeded and every restore matched, 1 otherwise.
EOF
}

die() {
  echo "bench: $*" >&2
  exit 1
}

small=0
tools=holdfast,restic,borg
out=$repo_root/docs/benchmarks.md
work=
build=auto
clean=0
step_timeout=
command_line=bench/run.sh
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
  echo "bench: installing ${missing[*]} with apt-get" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

install_missing_packages

if [[ -z $work ]]; then
  work=$bench_dir/work/$(date -u +%Y%m%dT%H%M%SZ)
fi
if [[ -e $work ]] && [[ -n $(ls -A "$work") ]]; then
  die "work folder '$work' is not empty: pass a new folder to --work"
fi
mkdir -p "$work/logs" "$(dirname "$out")"
work=$(cd "$work" && pwd)
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
dataset=$work/dataset
started=$(date -u '+%Y-%m-%d %H:%M UTC')

passphrase=${BENCH_PASSPHRASE:-$(head -c 24 /dev/urandom | base64)}
export RESTIC_PASSWORD=$passphrase BORG_PASSPHRASE=$passphrase HOLDFAST_PASSPHRASE=$passphrase
borg_compression=${BENCH_BORG_COMPRESSION:-zstd,3}

java_home=/usr/lib/jvm/temurin-25-jdk-amd64
[[ -x $java_home/bin/java ]] || java_home=${JAVA_HOME:-}
java=${java_home:+$java_home/bin/}java
jar=${BENCH_HOLDFAST_JAR:-$repo_root/orchestrator/target/holdfast.jar}

# Tools with a failed step: their later steps are skipped.
declare -A stopped=()
# Tools with any failure: a failed step, a wrong snapshot count or a restore mismatch.
declare -A failed=()

# Records a failure of TOOL with a message; the run goes on and exits 1 at the end.
fail() {
  local tool=$1 message=$2
  failed[$tool]=1
  echo "bench: FAILED: $tool: $message" >&2
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
  echo "bench: $tool: $step" >&2
  # Data that the dataset generator or an earlier step left dirty in the page cache is written
  # out first, untimed, so that no step pays for the writeback of another's files.
  sync
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
  local tool=$1 step=$2 repo=$work/repo-$1 target=$work/restore-$1
  local archive=${step#backup-}
  case $tool:$step in
    restic:init) step_command=(restic -r "$repo" init --repository-version 2) ;;
    restic:backup-*) step_command=(restic -r "$repo" backup --compression auto "$dataset") ;;
    restic:list-snapshots) step_command=(restic -r "$repo" snapshots --json) ;;
    restic:restore) step_command=(restic -r "$repo" restore latest --target "$target") ;;
    borg:init) step_command=(borg init --encryption=repokey-blake2 "$repo") ;;
    borg:backup-*)
      step_command=(borg create --compression "$borg_compression" "$repo::$archive" "$dataset")
      ;;
    borg:list-snapshots) step_command=(borg list --json "$repo") ;;
    # borg extract writes into the current folder and has no option for another one.
    borg:restore) step_command=(env -C "$target" borg extract "$repo::mutated") ;;
    holdfast:jvm-start) step_command=("${holdfast[@]}" --help) ;;
    holdfast:init) step_command=("${holdfast[@]}" --config "$work/holdfast.yaml" init) ;;
    holdfast:backup-*)
      step_command=("${holdfast[@]}" --config "$work/holdfast.yaml" backup "$dataset")
      ;;
    holdfast:list-snapshots)
      step_command=("${holdfast[@]}" --config "$work/holdfast.yaml" snapshots --json)
      ;;
    holdfast:restore)
      step_command=("${holdfast[@]}" --config "$work/holdfast.yaml" restore latest \
        --target "$target")
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
  echo "bench: building Holdfast with Maven (log: $work/logs/holdfast-build.log)" >&2
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

# Writes the configuration with one filesystem provider. Its folder is created first, as an
# operator would, so that init does not depend on creating it.
write_holdfast_config() {
  mkdir -p "$work/repo-holdfast"
  cat >"$work/holdfast.yaml" <<YAML
repository:
  providers: [local]
providers:
  - name: local
    driver: filesystem
    path: "$work/repo-holdfast"
YAML
}

write_settings() {
  python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
    restic "repository format 2 (\`init --repository-version 2\`); \`backup --compression auto\`, \
which is zstd at the default level of klauspost/compress (close to zstd level 3); cache in \
the run's home folder" \
    borg "\`init --encryption=repokey-blake2\`; \`create --compression $borg_compression\`; \
cache in the run's home folder" \
    holdfast "defaults of \`holdfast init\` and \`holdfast backup\` with one \`filesystem\` \
provider; Java from ${java_home:-PATH}" \
    >"$work/settings.json"
}

# Checks that the tool lists one snapshot for each backup that was taken.
check_snapshot_count() {
  local tool=$1 listing=$work/logs/$1-list-snapshots.out
  [[ -z ${stopped[$tool]:-} ]] || return 0
  if ! python3 "$lib/figures.py" snapshots "$listing" 3 >&2; then
    fail "$tool" "the snapshot list in $listing does not contain the 3 snapshots taken"
  fi
}

# Compares the restored tree with the manifest of the dataset after the mutation.
verify_restore() {
  local tool=$1 target=$work/restore-$1 found
  [[ -z ${stopped[$tool]:-} ]] || return 0
  echo "bench: $tool: verifying the restore" >&2
  # A restore that put nothing where expected is compared as it is: all entries missing.
  found=$(python3 "$lib/tree.py" locate "$dataset" "$target") || found=$target
  if ! python3 "$lib/tree.py" compare "$work/manifest-after.json" "$found" \
    >"$work/restore-check-$tool.json"; then
    cat "$work/restore-check-$tool.json" >&2
    fail "$tool" "RESTORE MISMATCH: $found differs from the dataset (see restore-check-$tool.json)"
  fi
}

# The launcher carries the JVM settings that users run Holdfast with.
holdfast=(env HOLDFAST_JAR="$jar" JAVA_HOME="${java_home:-${JAVA_HOME:-}}" "$repo_root/holdfast")
preset=full
dataset_flags=()
if ((small)); then
  preset=small
  dataset_flags=(--small)
fi

python3 "$lib/figures.py" machine "$java" "$work" >"$work/machine.json"
write_settings
echo "bench: generating the $preset dataset in $dataset" >&2
"$bench_dir/make-dataset.sh" "${dataset_flags[@]}" --out "$dataset" --json "$work/dataset.json"

for tool in "${tool_list[@]}"; do
  if [[ $tool == holdfast ]]; then
    build_holdfast
    write_holdfast_config
    run_step holdfast jvm-start
  fi
  run_step "$tool" init
  run_step "$tool" backup-first
  run_step "$tool" backup-unchanged
done

# All tools back up the same mutated dataset, so it is mutated once and in place:
# a copy in a new folder would look like new files to every tool's change detection.
echo "bench: mutating the dataset" >&2
"$bench_dir/mutate.sh" "$dataset" --json "$work/mutation.json"
python3 "$lib/tree.py" manifest "$dataset" "$work/manifest-after.json"

for tool in "${tool_list[@]}"; do
  run_step "$tool" backup-mutated
  run_step "$tool" list-snapshots
  check_snapshot_count "$tool"
  mkdir -p "$work/restore-$tool"
  run_step "$tool" restore
  verify_restore "$tool"
done

python3 "$lib/report.py" "$work" "$out" "$command_line" "$started" "$preset" "$tools"
echo "bench: record appended to $out; raw results in $work.json" >&2

# Deleting only now keeps mass deletes away from the timed steps.
if ((clean)); then
  rm -rf -- "$work"
fi
if ((${#failed[@]} > 0)); then
  die "failures in: ${!failed[*]} (see above and $work.json)"
fi
echo "bench: every step succeeded and every restore matched the dataset" >&2
