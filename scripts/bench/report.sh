#!/usr/bin/env bash
# HTML report of a 1-hour run at 1,000 requests/s (release build): its size, and the time to write it
# with `airm report` as a whole process (reading the result JSON included). Targets: <= 2 MB, < 100 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build -c release --product airm >/dev/null
bin="$(swift build -c release --show-bin-path)/airm"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" run --no-history --quiet --timestamp 2026-01-01T00:00:00Z --out "$out" scripts/bench/experiments/one-hour.yaml >/dev/null || true
python3 - "$bin" "$out" <<'PY'
import os, statistics, subprocess, sys, time
bin, out = sys.argv[1], sys.argv[2]
times = []
for _ in range(10):
    start = time.perf_counter()
    subprocess.run([bin, "report", f"{out}/bench-one-hour.json", "--html", f"{out}/again.html"], check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - start) * 1000)
size = os.path.getsize(f"{out}/again.html") / 1024
print(f"HTML report of the 1-hour run: {size:.0f} KB; airm report: median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms over 10 runs")
PY
