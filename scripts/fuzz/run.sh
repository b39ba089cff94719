#!/usr/bin/env bash
# Fuzzes one target from its committed corpus for a while (default 60 s each):
#   scripts/fuzz/run.sh experiment 600
# New inputs go to .build/fuzz/corpus/<target>; crashes to .build/fuzz/crash-*.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: scripts/fuzz/run.sh experiment|expectation|fault|answer [seconds]}
seconds=${2:-60}
mkdir -p ".build/fuzz/corpus/$target"
AIRM_FUZZ_TARGET="$target" .build/fuzz/airm-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=8192 -print_final_stats=1 -artifact_prefix=.build/fuzz/ ".build/fuzz/corpus/$target" "Tests/Fuzz/$target"
