#!/usr/bin/env bash
# App mode end to end (docs/app-mode.md): `airm run experiments/app/chat-app.yaml` starts the
# Python chat app (openai SDK behind pybreaker, fallback to a backup provider) and passes; the
# app's own breaker log matches airm's inferred and scraped transitions within 1 s; the same app
# passes while its primary refuses every connection (chat-app-refused.yaml); and with a breaker
# that cannot open (FAIL_MAX=1000) it fails the run with exit 1 and says why.
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
echo "app mode end to end: ok"
