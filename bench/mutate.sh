#!/usr/bin/env bash
# Mutates about 1% of a benchmark dataset in place; see bench/lib/mutate.py --help.
set -euo pipefail
exec python3 "$(dirname "$0")/lib/mutate.py" "$@"
