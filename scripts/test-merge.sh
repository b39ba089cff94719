#!/usr/bin/env bash
# airm merge end to end: one experiment run unsplit and as 4 `airm run --traffic-shard i/4`
# processes side by side, joined by `airm merge`. The merged counts must equal the unsplit run's
# and p50, p90, p99 and max must agree to the histogram's precision (3 significant digits); the
# merged histograms must read back in HdrHistogram's own Python library; a suite split with
# --shard must merge to one junit.xml and index.html; a missing shard must be refused (exit 2);
# and deploy/k8s/airm-shards.yaml must parse. About 10 s once airm is built.
#
#   scripts/test-merge.sh [AIRM]     # default: the debug build, `swift build --show-bin-path`/airm
set -euo pipefail
cd "$(dirname "$0")/.."

airm=${1:-${AIRM:-$(swift build --show-bin-path)/airm}}
[ -x "$airm" ] || { echo "no airm at $airm; run swift build first" >&2; exit 1; }
work=$(mktemp -d)
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT

venv=.build/merge-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import hdrh, yaml' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q hdrhistogram==0.10.8 pyyaml
fi

# Every request's latency follows from when it arrives (fixed latencies, latency faults without
# jitter, uniform arrivals), so the unsplit run and the four shards together see the same latencies.
cat > "$work/sharded.yaml" <<'YAML'
version: 1
name: sharded
seed: 11
duration: 2m
providers:
  primary:
    type: simulated
    simulate: { latency: 120ms }
  backup:
    type: simulated
    simulate: { latency: 300ms }
policy:
  timeout: 10s
traffic:
  - name: chat
    rate: 80/s
faults:
  - { name: slow, target: primary, type: latency, delay: 900ms, at: 30s, for: 20s }
  - { name: slower, target: primary, type: latency, delay: 4s, at: 90s, for: 2s }
assertions:
  - expect: success_rate >= 99%
YAML

run=("$airm" run --no-history --quiet --timestamp 2026-01-01T00:00:00Z)
"${run[@]}" --out "$work/whole" "$work/sharded.yaml" >/dev/null
for i in 1 2 3 4; do
  "${run[@]}" --traffic-shard "$i/4" --out "$work/shard-$i" "$work/sharded.yaml" >/dev/null &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
pids=()

"$airm" merge "$work"/shard-*/sharded.json --out "$work/merged"
for file in sharded.json sharded.html junit.xml index.html; do
  [ -s "$work/merged/$file" ] || { echo "airm merge did not write $file" >&2; exit 1; }
done

"$venv/bin/python" - "$work/whole/sharded.json" "$work/merged/sharded.json" "$work"/shard-*/sharded.json <<'PY'
import json, sys
from hdrh.histogram import HdrHistogram

whole, merged = (json.load(open(p)) for p in sys.argv[1:3])
shards = [json.load(open(p)) for p in sys.argv[3:]]
assert [s["traffic_shard"] for s in shards] == ["1/4", "2/4", "3/4", "4/4"], [s.get("traffic_shard") for s in shards]
assert merged["merged_shards"] == 4 and "traffic_shard" not in merged
for key in ("requests", "ok", "fallback", "degraded", "failed", "dropped"):
    assert merged["summary"][key] == whole["summary"][key], (key, merged["summary"][key], whole["summary"][key])
    assert merged["summary"][key] == sum(s["summary"][key] for s in shards), key
assert merged["providers"]["primary"]["calls"] == whole["providers"]["primary"]["calls"]

def same_bucket(a, b):
    """Equal to 3 significant digits: within one bucket of the histogram (at most 1/1024 apart), plus rounding."""
    return abs(a - b) <= max(a, b) / 1024 + 0.002

for scope in ("latency_ms", "answered_latency_ms"):
    for figure in ("p50", "p90", "p99", "max"):
        a, b = merged["summary"][scope][figure], whole["summary"][scope][figure]
        assert same_bucket(a, b), (scope, figure, a, b)
        print(f"{scope}.{figure}: merged {a} ms, unsplit {b} ms")

# The JSON's histograms are HdrHistogram's own encoding: its Python library reads them.
histogram = HdrHistogram.decode(merged["histograms"]["latency"])
started = merged["summary"]["requests"] - merged["summary"]["dropped"]
assert histogram.get_total_count() == started, (histogram.get_total_count(), started)
for percentile, figure in ((50, "p50"), (90, "p90"), (99, "p99")):
    value = histogram.get_value_at_percentile(percentile) / 1000
    assert same_bucket(value, merged["summary"]["latency_ms"][figure]), (figure, value)
print("hdrhistogram reads", histogram.get_total_count(), "requests; p99",
      histogram.get_value_at_percentile(99) / 1000, "ms")
PY

# A suite split over jobs with --shard merges to one junit.xml and index.html.
mkdir -p "$work/suite"
cp experiments/latency-spike.yaml experiments/gemini-outage.yaml "$work/suite/"
set +e
for i in 1 2; do "${run[@]}" --shard "$i/2" --out "$work/suite-$i" "$work/suite/" >/dev/null; done
"$airm" merge "$work"/suite-*/*.json --out "$work/suite-merged" >/dev/null
code=$?
set -e
[ "$code" -le 1 ] || { echo "airm merge of a --shard suite exited $code" >&2; exit 1; }
[ "$(grep -c '<testsuite ' "$work/suite-merged/junit.xml")" -eq 2 ] || { echo "merged junit.xml lacks an experiment" >&2; exit 1; }
grep -q 'latency-spike.html' "$work/suite-merged/index.html" && grep -q 'gemini-outage.html' "$work/suite-merged/index.html" \
  || { echo "merged index.html lacks an experiment" >&2; exit 1; }

# A missing shard is refused, naming it.
set +e
message=$("$airm" merge "$work/shard-1/sharded.json" "$work/shard-2/sharded.json" "$work/shard-4/sharded.json" \
  --out "$work/refused" 2>&1)
code=$?
set -e
[ "$code" -eq 2 ] || { echo "a merge with a missing shard exited $code, not 2" >&2; exit 1; }
grep -q "traffic shard 3/4 of 'sharded' is missing" <<<"$message" || { echo "unexpected message: $message" >&2; exit 1; }
[ ! -e "$work/refused" ] || { echo "a refused merge wrote reports" >&2; exit 1; }

# The Kubernetes manifest parses, as an Indexed Job and a merge.
"$venv/bin/python" - deploy/k8s/airm-shards.yaml <<'PY'
import sys, yaml
documents = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
kinds = {(d["kind"], d["metadata"]["name"]) for d in documents}
assert kinds == {("PersistentVolumeClaim", "airm-results"), ("Job", "airm-shards"), ("Job", "airm-merge")}, kinds
shards = next(d for d in documents if d["metadata"]["name"] == "airm-shards")["spec"]
assert shards["completionMode"] == "Indexed" and shards["completions"] == shards["parallelism"]
container = shards["template"]["spec"]["containers"][0]
assert "JOB_COMPLETION_INDEX + 1" in container["args"][0]
assert {"name": "SHARDS", "value": str(shards["completions"])} in container["env"]
print("deploy/k8s/airm-shards.yaml: an Indexed Job of", shards["completions"], "shards and a merge")
PY
echo "airm merge: 4 traffic shards equal the unsplit run"
