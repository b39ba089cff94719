#!/usr/bin/env bash
# Memory under big answers: a live run at 200 req/s for 10 s against a loopback server whose every
# answer is a 100 MB body. airm keeps at most 16 MB of one answer and, by default, 64 MB of all
# answers in flight (--max-body-memory); an answer past either ends there, counted as corrupt.
# Prints airm's peak RSS, the requests and how they ended.
# Target: peak RSS under the live target of the README (150 MB).
# CONFIG=debug uses the debug build (no release build needed); MAX_BODY_MEMORY=MB passes --max-body-memory;
# UNDECLARED=1 sends no content-length (the answer ends when the server closes); BODY_MB=12 sends
# answers under the per-answer cap, which only the total budget bounds. WRAP="heaptrack -o FILE"
# runs airm under a memory profiler (the peak RSS printed is then the profiler's too).
set -euo pipefail
cd "$(dirname "$0")/../.."

CONFIG=${CONFIG:-release}
RATE=${RATE:-200}
SECONDS_RUN=${SECONDS_RUN:-10}
MB=${BODY_MB:-100}
swift build -c "$CONFIG" --product airm >/dev/null
bin="$(swift build -c "$CONFIG" --show-bin-path)/airm"
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A threaded loopback server: each request gets a 100 MB JSON answer, sent as fast as it is read.
python3 - "$work/port" "$MB" "${UNDECLARED:-0}" <<'PY' &
import socketserver, sys, http.server
size = int(sys.argv[2]) * 1024 * 1024
head = b'{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"'
tail = b'"},"finish_reason":"stop"}]}'
filler = b"a" * (1024 * 1024)
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200)
        self.send_header("content-type", "application/json")
        if sys.argv[3] == "1":
            self.send_header("connection", "close")  # no length: read until the server closes
            self.close_connection = True
        else:
            self.send_header("content-length", str(len(head) + size + len(tail)))
        self.end_headers()
        try:
            self.wfile.write(head)
            for _ in range(size // len(filler)): self.wfile.write(filler)
            self.wfile.write(tail)
        except OSError:
            pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 1024
server = Server(("127.0.0.1", 0), Handler)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

cat >"$work/big.yaml" <<YAML
version: 1
name: big-bodies
duration: ${SECONDS_RUN}s
mode: live
providers:
  big: { type: openai, endpoint: "http://127.0.0.1:$port/v1", api_key: "\${BENCH_KEY}" }
policy:
  timeout: 30s
  retry: { max_attempts: 1 }
  breaker: { consecutive_failures: 0 }
traffic: [ { name: t, rate: ${RATE}/s } ]
YAML
extra=()
[ -n "${MAX_BODY_MEMORY:-}" ] && extra+=(--max-body-memory "$MAX_BODY_MEMORY")
BENCH_KEY=k /usr/bin/time -f "%M %e %U %S" -o "$work/time" ${WRAP:-} "$bin" run --no-history --quiet "${extra[@]}" \
  --out "$work/out" "$work/big.yaml" >"$work/run.out" 2>&1 || true
read -r rss wall user sys <"$work/time"
python3 - "$work/out/big-bodies.json" "$rss" "$wall" "$user" "$sys" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
summary = result["summary"]
provider = next(iter(result["providers"].values()))
errors = {k: v for k, v in provider.get("errors", {}).items() if v}
rss, wall, cpu = int(sys.argv[2]) / 1024, float(sys.argv[3]), float(sys.argv[4]) + float(sys.argv[5])
print(f"peak RSS {rss:.1f} MB; {summary['requests']} requests, {provider['successes']} answered, in {wall:.1f} s wall, {cpu:.1f} s CPU; errors {errors}")
PY
