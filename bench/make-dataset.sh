#!/usr/bin/env bash
# Generates the mixed benchmark dataset; see bench/lib/make_dataset.py --help.
set -euo pipefail
exec python3 "$(dirname "$0")/lib/make_dataset.py" "$@"
