#!/usr/bin/env bash
# Checks airm serve's Prometheus metrics the way an operator would see them:
#   1. `promtool check config` accepts deploy/prometheus.yml;
#   2. `promtool check metrics` accepts a real GET /metrics of `airm serve --simulate`;
#   3. a real Prometheus server (throwaway data directory, loopback port, 1 s scrapes) scrapes
#      it, and a query of airm_breaker_state through its HTTP API returns every provider's states.
#
#   scripts/test-serve-prometheus.sh        (AIRM=path/to/airm, default: the debug build)
#
# Installs Debian's `prometheus` package (promtool and the server) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "test-serve-prometheus: $*" >&2; exit 1; }

if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
airm=${AIRM:-$(swift build --show-bin-path)/airm}
[ -x "$airm" ] || fail "no airm binary at $airm"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# A free loopback port, from the kernel.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Polls `$1` (a command) every 0.2 s for up to `$2` seconds.
wait_for() {
  local tries=$(( $2 * 5 ))
  for ((i = 0; i < tries; i++)); do
    if eval "$1"; then return 0; fi
    sleep 0.2
  done
  return 1
}

step "deploy/prometheus.yml"
promtool check config deploy/prometheus.yml

step "airm serve --simulate"
"$airm" serve --simulate --config experiments/gemini-outage.yaml --port 0 --log-db "$work/requests.sqlite" \
  >"$work/serve.out" 2>"$work/serve.err" &
pids+=($!)
wait_for 'grep -q "listening on" "$work/serve.out"' 30 || { cat "$work/serve.err" >&2; fail "airm serve did not start"; }
base=$(sed -n 's/^airm serve listening on //p' "$work/serve.out")
echo "serving $base"
for _ in 1 2 3; do
  curl -sf -X POST "$base/ai" -H 'content-type: application/json' -d '{"prompt": "ping"}' >/dev/null
done

step "promtool check metrics on GET /metrics"
curl -sf -D "$work/headers" "$base/metrics" >"$work/metrics.txt"
grep -qi '^content-type: text/plain; version=0.0.4' "$work/headers" || fail "GET /metrics has the wrong content type"
promtool check metrics <"$work/metrics.txt"
grep -q '^airm_requests_total{outcome="ok"} 3$' "$work/metrics.txt" || fail "three ok calls are not counted"

step "A Prometheus server scrapes it"
prom_port=$(free_port)
target=${base#http://}
sed -e "s/scrape_interval: 5s/scrape_interval: 1s/" -e "s/127.0.0.1:8080/$target/" deploy/prometheus.yml >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
query="http://127.0.0.1:$prom_port/api/v1/query?query=airm_breaker_state"
series() { curl -sf "$query" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))' 2>/dev/null; }
wait_for '[ "$(series)" = 10 ]' 60 || { tail -20 "$work/prometheus.log" >&2; fail "Prometheus returned no airm_breaker_state series"; }
curl -sf "$query" | python3 -c '
import json, sys
result = json.load(sys.stdin)["data"]["result"]
current = {}
for series in result:
    labels = series["metric"]
    if series["value"][1] == "1":
        current.setdefault(labels["provider"], []).append(labels["state"])
assert sorted(current) == ["cohere", "gemini"], current
assert all(len(states) == 1 for states in current.values()), current
print("airm_breaker_state:", len(result), "series;", ", ".join(f"{p} {s[0]}" for p, s in sorted(current.items())))
'
echo "Prometheus scrape ok"
