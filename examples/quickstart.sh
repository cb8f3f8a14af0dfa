#!/usr/bin/env bash
# Runs the main job on the embedded default. It builds Holdfast and backs up the sample data
# into an encrypted, deduplicated repository on a local file-system provider. It backs up again
# (nothing new is stored), restores the latest snapshot, compares it byte for byte with the
# source, and checks every blob of the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/quickstart"
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi

echo "== building Holdfast"
(cd "$root" && mvn -B -q -DskipTests package)

rm -rf "$work"
mkdir -p "$work"
cat > "$work/holdfast.yaml" <<YAML
repository:
  providers: [local]
providers:
  - name: local
    driver: filesystem
    path: repository
sources:
  - name: sample
    paths: [$root/examples/sample-data]
YAML
# A demo passphrase; real use reads it from a prompt, HOLDFAST_PASSPHRASE or HOLDFAST_PASSPHRASE_FILE.
export HOLDFAST_PASSPHRASE="${HOLDFAST_PASSPHRASE:-quickstart demo passphrase}"
holdfast() { "$root/holdfast" --config "$work/holdfast.yaml" "$@"; }

echo "== init";                 holdfast init
echo "== backup";               holdfast backup
echo "== backup again";         holdfast backup
echo "== snapshots";            holdfast snapshots
echo "== ls latest";            holdfast ls latest
echo "== restore";              holdfast restore latest --target "$work/restored"
echo "== compare with source";  diff -r --no-dereference "$root/examples/sample-data" "$work/restored/sample-data"
echo "restored tree is identical to the source"
echo "== check --read-data";    holdfast check --read-data
echo "== done: repository in $work/repository, restored copy in $work/restored"
