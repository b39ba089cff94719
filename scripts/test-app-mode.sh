#!/usr/bin/env bash
# App mode end to end (docs/app-mode.md): `airm run experiments/app/chat-app.yaml` starts the
# Python chat app (openai SDK behind pybreaker, fallback to a backup provider) and passes; the
# app's own breaker log matches airm's inferred and scraped transitions within 1 s; the same app
# passes while its primary refuses every connection (chat-app-refused.yaml); with a breaker
# that cannot open (FAIL_MAX=1000) it fails the run with exit 1 and says why; and `airm serve`
# run as the application (serve-as-app.yaml) is observed by JSON status, Prometheus and
# inference in agreement with its own log.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import openai, pybreaker' 2>/dev/null || python3 -m pip install -q openai pybreaker
airm=${AIRM:-$(swift build --show-bin-path)/airm}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "--> the example passes"
CHAT_APP_BREAKER_LOG="$work/breaker.jsonl" "$airm" run --no-history --out "$work/reports" experiments/app/chat-app.yaml \
  | tee "$work/pass.txt"

echo "--> the app's own transitions match airm's, within 1 s"
python3 - "$work/reports/chat-app-primary-outage.json" "$work/breaker.jsonl" <<'PY'
import json, sys

result = json.load(open(sys.argv[1]))
origin = result["app"]["origin_unix_ms"] / 1000
own = []
for line in open(sys.argv[2]):
    entry = json.loads(line)
    if entry["from"] is None:
        continue
    own.append((entry["t"] - origin, entry["from"].replace("-", "_"), entry["to"].replace("-", "_")))
assert own, "the app logged no transition"
observed = {}
for t in result["transitions"]:
    observed.setdefault(t["observed"], []).append((t["at_ms"] / 1000, t["from"], t["to"]))
assert set(observed) == {"inferred", "prometheus"}, f"sources: {sorted(observed)}"

def match(source, states, unseen=()):
    worst = 0.0
    for at, before, after in own:
        if after not in states or (before, after) in unseen:
            continue
        candidates = [abs(at - seen) for seen, _, to in observed[source] if to == after]
        nearest = min(candidates, default=float("inf"))
        if nearest > 1.0:
            sys.exit(f"the app went {before} -> {after} at {at:.3f} s; {source} saw no such change within 1 s")
        worst = max(worst, nearest)
    print(f"{source}: every app transition to {'/'.join(sorted(states))} matched, largest gap {worst * 1000:.0f} ms")

match("inferred", {"open", "half_open", "closed"})
# A status endpoint polled every 100 ms cannot see a half-open state that lasts one call, so
# neither the probe nor its failure back to open shows there.
match("prometheus", {"open", "closed"}, unseen={("half_open", "open")})
print(f"app transitions: {len(own)}; inferred: {len(observed['inferred'])}; prometheus: {len(observed['prometheus'])}")
PY

echo "--> the primary refusing connections (its listener closed): the app's breaker opens at once"
CHAT_APP_BREAKER_LOG="$work/refused.jsonl" "$airm" run --no-history --out "$work/refused" experiments/app/chat-app-refused.yaml
python3 - "$work/refused/chat-app-primary-refuses.json" "$work/refused.jsonl" <<'PY'
import json, sys

result = json.load(open(sys.argv[1]))
origin = result["app"]["origin_unix_ms"] / 1000
opened = [json.loads(line)["t"] - origin for line in open(sys.argv[2]) if json.loads(line)["to"] == "open"]
assert opened and 5.0 <= opened[0] < 6.0, f"the app's breaker opened at {opened[:1]} s, not within 1 s of the outage at 5 s"
print(f"the app's breaker opened {opened[0] - 5.0:.3f} s after the listener closed")
PY

echo "--> a breaker that never opens fails the run with exit 1"
set +e
CHAT_APP_FAIL_MAX=1000 CHAT_APP_BREAKER_LOG="$work/wrong.jsonl" "$airm" run --no-history --out "$work/wrong" \
  experiments/app/chat-app.yaml > "$work/wrong.txt" 2>&1
code=$?
set -e
cat "$work/wrong.txt"
[ "$code" -eq 1 ] || { echo "expected exit 1 from the wrong breaker setting, got $code" >&2; exit 1; }
grep -q "FAIL chat-app-primary-outage" "$work/wrong.txt" || { echo "no FAIL line" >&2; exit 1; }
grep -q "primary" "$work/wrong.txt" && grep -qi "open" "$work/wrong.txt" || { echo "the failure does not name the breaker" >&2; exit 1; }
echo "--> airm serve as the application: its breakers read from /circuit-breaker/status and /metrics, and inferred, match its own log"
# The gateway logs each transition with its wall-clock time (docs/serve.md "Logs"); airm reads the
# same breakers from outside, by JSON status and by Prometheus (one run each), and by inference.
prometheus="app.breakers={prometheus: {url: 'http://127.0.0.1:18741/metrics', metric: airm_breaker_state, name_label: provider, state_label: state, every: 100ms}}"
for source in json prometheus; do
  overrides=()
  [ "$source" = prometheus ] && overrides=(--set "$prometheus")
  AIRM_BIN="$airm" SERVE_APP_LOG_DB="$work/serve-$source.sqlite" \
    "$airm" run --no-history --quiet --out "$work/serve-$source" experiments/app/serve-as-app.yaml "${overrides[@]}"
  python3 - "$work/serve-$source/serve-as-app.json" "$work/serve-$source/serve-as-app.app.log" "$source" <<'PY'
import json, re, sys

result = json.load(open(sys.argv[1]))
origin = result["app"]["origin_unix_ms"] / 1000
source = sys.argv[3]
own = []
for line in open(sys.argv[2]):
    if not line.rstrip().endswith("] breaker"):
        continue
    fields = dict(re.findall(r"(\w+)=(\S+)", line))
    own.append((int(fields["unix_ms"]) / 1000 - origin, fields["from"], fields["to"]))
assert own, "the gateway logged no transition"
observed = {}
for t in result["transitions"]:
    observed.setdefault(t["observed"], []).append((t["at_ms"] / 1000, t["from"], t["to"]))
assert set(observed) == {"inferred", source}, f"sources: {sorted(observed)}"

def match(name, states, unseen=()):
    worst = 0.0
    for at, before, after in own:
        if after not in states or (before, after) in unseen:
            continue
        nearest = min((abs(at - seen) for seen, _, to in observed[name] if to == after), default=float("inf"))
        if nearest > 1.0:
            sys.exit(f"the gateway went {before} -> {after} at {at:.3f} s; {name} saw no such change within 1 s")
        worst = max(worst, nearest)
    print(f"{name}: every gateway transition to {'/'.join(sorted(states))} matched, largest gap {worst * 1000:.0f} ms")

match("inferred", {"open", "half_open", "closed"})
match(source, {"open", "closed"})
print(f"gateway transitions: {len(own)}; inferred: {len(observed['inferred'])}; {source}: {len(observed[source])}")
PY
done

echo "app mode end to end: ok"
