#!/usr/bin/env bash
# Measure every budget in DESIGN.md with whole-process timings; see bench/bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python bench/bench.py "$@"
