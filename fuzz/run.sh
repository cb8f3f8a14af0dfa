#!/usr/bin/env bash
# Fuzzes the parsers of repository objects with Jazzer, one target at a time.
#   fuzz/run.sh [--minutes N | --seconds N | --smoke] [--list] [TARGET...]
# Each target runs 5 minutes unless --minutes or --seconds says otherwise; --smoke is 20 s.
# A TARGET is Class#method (KeySlotFuzzTest#decode), a class (all its methods) or a method
# name (decode: every class that has it). Without targets, every target runs.
# New crashing inputs land in the target's seed folder under src/test/resources, so the normal
# build replays them. Logs and the generated corpus stay out of git.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

# module:fully.qualified.Class#method, one line per target.
TARGETS="
crypto:dev.holdfast.crypto.KeySlotFuzzTest#decode
crypto:dev.holdfast.crypto.KeyringFuzzTest#open
crypto:dev.holdfast.crypto.OpenerFuzzTest#openObject
crypto:dev.holdfast.crypto.OpenerFuzzTest#forHeader
repository:dev.holdfast.repository.pack.PackReaderFuzzTest#readHeader
repository:dev.holdfast.repository.pack.PackReaderFuzzTest#readSealedHeader
repository:dev.holdfast.repository.pack.PackReaderFuzzTest#openBlob
repository:dev.holdfast.repository.pack.BlobFrameFuzzTest#decode
repository:dev.holdfast.repository.index.IndexFileFuzzTest#decode
repository:dev.holdfast.repository.index.IndexFileFuzzTest#open
repository:dev.holdfast.repository.index.IndexFileFuzzTest#roundTrip
repository:dev.holdfast.repository.tree.TreeCodecFuzzTest#decode
repository:dev.holdfast.repository.tree.TreeCodecFuzzTest#roundTrip
repository:dev.holdfast.repository.snapshot.SnapshotCodecFuzzTest#decode
repository:dev.holdfast.repository.snapshot.SnapshotCodecFuzzTest#open
repository:dev.holdfast.repository.retention.DeletionRecordsFuzzTest#decode
repository:dev.holdfast.repository.retention.DeletionRecordsFuzzTest#open
repository:dev.holdfast.repository.audit.AuditCodecFuzzTest#decode
repository:dev.holdfast.repository.audit.AuditCodecFuzzTest#open
repository:dev.holdfast.repository.lock.LockManagerFuzzTest#decode
repository:dev.holdfast.repository.ConfigObjectFuzzTest#repositoryId
repository:dev.holdfast.repository.ConfigObjectFuzzTest#settings
repository:dev.holdfast.repository.PathNamesFuzzTest#parse
orchestrator:dev.holdfast.orchestrator.database.DumpFilesFuzzTest#databaseInfo
orchestrator:dev.holdfast.orchestrator.database.DumpFilesFuzzTest#tables
"

usage() {
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit "$1"
}

seconds=300
selected=()
list_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) seconds=$(( ${2:?--minutes needs a number} * 60 )); shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --smoke) seconds=20; shift ;;
    --list) list_only=true; shift ;;
    -h|--help) usage 0 ;;
    -*) echo "unknown option '$1'" >&2; usage 2 ;;
    *) selected+=("$1"); shift ;;
  esac
done

matches() {  # matches LINE PATTERN: the target line names the pattern's class, method or both
  local class_method=${1#*:} pattern=$2
  local simple=${class_method##*.}
  [ "$simple" = "$pattern" ] || [ "${simple%#*}" = "$pattern" ] \
    || [ "${simple#*#}" = "$pattern" ] || [ "$class_method" = "$pattern" ]
}

chosen=()
for line in $TARGETS; do
  if [ ${#selected[@]} -eq 0 ]; then
    chosen+=("$line")
    continue
  fi
  for pattern in "${selected[@]}"; do
    if matches "$line" "$pattern"; then
      chosen+=("$line")
      break
    fi
  done
done
if [ ${#chosen[@]} -eq 0 ]; then
  echo "no fuzz target matches '${selected[*]}'; run fuzz/run.sh --list" >&2
  exit 2
fi
if $list_only; then
  printf '%s\n' "${chosen[@]#*:}"
  exit 0
fi

logs=target/fuzz
mkdir -p "$logs"
# Jackson's CBOR parser is instrumented as well, because trees, snapshots, locks and the config
# settings are CBOR; Jazzer instruments only the project's own class folders by default.
instrument='dev.holdfast.**:com.fasterxml.jackson.core.**:com.fasterxml.jackson.dataformat.**'
failed=()
for line in "${chosen[@]}"; do
  module=${line%%:*}
  target=${line#*:}
  log="$logs/${target##*.}.log"
  echo "== fuzzing $target for $seconds s (log: $log)"
  # jazzer.internal.arg.N are Jazzer's own pass-through of libFuzzer flags (0 is argv[0]);
  # -max_total_time bounds the run and -timeout reports any input that runs over 10 s.
  if JAZZER_FUZZ=1 mvn -B -pl "$module" -am test \
      -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dsurefire.argLine="--enable-native-access=ALL-UNNAMED -Xmx1g" \
      -Djazzer.hooks=true -Djazzer.instrumentation_includes="$instrument" \
      -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1=-max_total_time="$seconds" \
      -Djazzer.internal.arg.2=-timeout=10 \
      -Djazzer.internal.arg.3=-print_final_stats=1 >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$target")
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  echo "   $status: ${runs:-?} executions, ${rate:-?} per second"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "findings or errors in: ${failed[*]}; see $logs and the Inputs folders under src/test/resources" >&2
  exit 1
fi
echo "all ${#chosen[@]} targets ran without findings"
