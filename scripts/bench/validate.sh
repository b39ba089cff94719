#!/usr/bin/env bash
# Validating one file as a whole process, release build. Prints the median and the worst of 20 runs.
# Target: under 50 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build -c release --product airm >/dev/null
bin="$(swift build -c release --show-bin-path)/airm"
file=${1:-experiments/gemini-outage.yaml}
python3 - "$bin" "$file" <<'PY'
import statistics, subprocess, sys, time
bin, file = sys.argv[1], sys.argv[2]
times = []
for _ in range(20):
    start = time.perf_counter()
    subprocess.run([bin, "validate", file], check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - start) * 1000)
print(f"airm validate {file}: median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms over 20 runs (target < 50 ms)")
PY
