#!/usr/bin/env bash
# Engine benchmark (release build): a 1-hour experiment at 1,000 requests/s through two providers
# with four faults, and the same experiment cut to 6 minutes. Prints simulated requests per second
# of wall time (whole process: load, simulate, write reports), CPU time (user + system) and CPU
# nanoseconds per simulated request, and peak RSS for each. With BASELINE=path/to/other/airm it
# also runs that binary on the 1-hour experiment, interleaved, so both are measured in one run.
# Targets: >= 4,000,000 requests/s; peak RSS <= 100 MB; RSS(1 h) < 1.5 x RSS(6 min).
set -euo pipefail
cd "$(dirname "$0")/../.."

swift build -c release --product airm >/dev/null
bin="$(swift build -c release --show-bin-path)/airm"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() {
  local file=$1 label=${2:-} runner=${3:-$bin} name
  name=$(sed -n 's/^name: *//p' "$file")
  /usr/bin/time -v "$runner" run --no-history --quiet --timestamp 2026-01-01T00:00:00Z --out "$out" "$file" \
    >/dev/null 2>"$out/$name.time" || true
  python3 - "$out/$name.time" "$out/$name.json" "$name$label" <<'PY'
import json, re, sys
timing = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", timing).group(1).split(":")
seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall)))
rss_mb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing).group(1)) / 1024
cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", timing).group(1)) + float(re.search(r"System time \(seconds\): ([\d.]+)", timing).group(1))
requests = json.load(open(sys.argv[2]))["summary"]["requests"]
print(f"{sys.argv[3]:<24} {requests:>9} requests  {seconds:7.3f} s wall  {requests / seconds:>11.0f} requests/s  {cpu:6.2f} s CPU  {cpu * 1e9 / requests:6.0f} ns CPU/request  {rss_mb:6.1f} MB peak RSS")
print(f"RSS_MB {sys.argv[3]} {rss_mb:.1f}", file=sys.stderr)
PY
}

echo "airm engine benchmark ($(nproc) cores, $(date -u +%Y-%m-%d))"
if [ -n "${BASELINE:-}" ]; then
  for round in 1 2 3; do
    measure scripts/bench/experiments/one-hour.yaml " (baseline)" "$BASELINE" 2>/dev/null
    measure scripts/bench/experiments/one-hour.yaml 2>/dev/null
  done
fi
measure scripts/bench/experiments/one-hour.yaml 2>"$out/rss-hour"
measure scripts/bench/experiments/six-minutes.yaml 2>"$out/rss-six"
python3 - "$out/rss-hour" "$out/rss-six" <<'PY'
import sys
hour = float(open(sys.argv[1]).read().split()[2])
six = float(open(sys.argv[2]).read().split()[2])
print(f"RSS ratio 1 h / 6 min: {hour / six:.2f} (target < 1.5)")
PY
