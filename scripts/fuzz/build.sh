#!/usr/bin/env bash
# Builds the libFuzzer binary for airm's fuzz targets (docs/architecture.md "Fuzzing"):
# the AirmFuzzing library and everything below it, instrumented with -sanitize=fuzzer in a
# build directory of their own, then linked with libFuzzer's main.
#   scripts/fuzz/build.sh          → .build/fuzz/airm-fuzz
# Run it: AIRM_FUZZ_TARGET=experiment .build/fuzz/airm-fuzz -max_total_time=600 Tests/Fuzz/experiment
set -euo pipefail
cd "$(dirname "$0")/../.."

out=.build/fuzz
swift build --build-path "$out" --target AirmFuzzing -Xswiftc -sanitize=fuzzer
bin=$(swift build --build-path "$out" --show-bin-path)
objects=()
while IFS= read -r -d '' object; do objects+=("$object"); done < <(
  find "$bin" -path '*.build/*.o' \
    -not -path "$bin/airm.build/*" -not -path '*Tests.build/*' -not -path '*PackageTests*' -not -path '*Discovered*' -print0)
swiftc -sanitize=fuzzer "${objects[@]}" -o "$out/airm-fuzz"
echo "$out/airm-fuzz"
