#!/usr/bin/env bash
# Replays the committed corpus of every target through the libFuzzer build (scripts/fuzz/build.sh)
# once, without fuzzing (-runs=0): a crash, a leak or a timeout on any file fails it.
#   scripts/fuzz/replay.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
for target in experiment expectation fault answer; do
  log=".build/fuzz/replay-$target.log"
  AIRM_FUZZ_TARGET="$target" .build/fuzz/airm-fuzz -runs=0 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=.build/fuzz/ "Tests/Fuzz/$target" 2>"$log" \
    || { tail -n 40 "$log" >&2; echo "fuzz corpus replay failed for $target" >&2; exit 1; }
  echo "replayed: Tests/Fuzz/$target ($(find "Tests/Fuzz/$target" -type f | wc -l) files)"
done
