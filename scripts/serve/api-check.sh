#!/usr/bin/env bash
# Sends 10,000 malformed or oversized bodies to `airm serve --simulate` on a free loopback port
# (each must get a 4xx, with memory flat), then runs schemathesis with every check against it,
# with a token, and requires zero failures and a clean stop on SIGTERM. Usage: api-check.sh AIRM_BINARY [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
airm=${1:?usage: api-check.sh AIRM_BINARY [OUT_DIR]}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
venv=${AIRM_SCHEMATHESIS_VENV:-.build/schemathesis-venv}
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'schemathesis>=4.3,<5'
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
AIRM_TOKEN=$token "$airm" serve --simulate --config scripts/serve/api-check.yaml --port "$port" \
  --ai-rate-limit 100000/s >"$out/serve.out" 2>"$out/serve.log" &
server=$!
stop() { kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/test" >/dev/null 2>&1 && break
  sleep 0.1
done

python3 scripts/serve/malformed.py "$port" "$server" "$token" 10000

set +e
timeout 600 "$venv/bin/schemathesis" --config-file scripts/serve/schemathesis.toml run "http://127.0.0.1:$port/openapi.yaml" \
  --checks all --max-examples 50 --max-time ${AIRM_SCHEMATHESIS_SECONDS:-240} --seed 1 \
  --header "Authorization: Bearer $token" \
  --report junit --report-dir "$out" >"$out/schemathesis.txt" 2>&1
code=$?
set -e
tail -40 "$out/schemathesis.txt"
kill -0 "$server" 2>/dev/null || { echo "airm serve died during the checks" >&2; tail -20 "$out/serve.log" >&2; exit 1; }
trap - EXIT
kill -TERM "$server"
wait "$server"
stopped=$?
[ "$code" -eq 0 ] || { echo "schemathesis found failures (exit $code); see $out/schemathesis.txt" >&2; exit 1; }
[ "$stopped" -eq 0 ] || { echo "airm serve exited $stopped on SIGTERM, expected 0" >&2; exit 1; }
echo "api-check: schemathesis passed with every check; airm serve stopped cleanly on SIGTERM"
