#!/usr/bin/env bash
# The five official provider SDKs (openai, anthropic, google-genai, cohere, huggingface-hub) against
# `airm fake-providers` on loopback: plain and streamed answers, max_tokens finish reasons,
# embeddings, models lists, and injected faults (scripts/sdk-check.py). Prints a pass table and
# exits non-zero on any failure.
#
# Usage: scripts/test-sdks.sh [path/to/airm]   (default: the debug build's airm)
# The SDKs go into a virtual environment, $AIRM_SDK_VENV or .build/sdk-venv, installed once per
# change of scripts/sdk-requirements.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

airm="${1:-$(swift build --show-bin-path)/airm}"
venv="${AIRM_SDK_VENV:-.build/sdk-venv}"
requirements=scripts/sdk-requirements.txt

[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! cmp -s "$requirements" "$venv/installed-requirements.txt"; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/installed-requirements.txt"
fi

log=$(mktemp)
"$airm" fake-providers --port 0 >"$log" 2>&1 &
fake=$!
trap 'kill "$fake" 2>/dev/null || true; wait "$fake" 2>/dev/null || true; rm -f "$log"' EXIT

url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$fake" 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { echo "airm fake-providers did not start:" >&2; cat "$log" >&2; exit 1; }
echo "airm fake-providers at $url"

timeout 300 "$venv/bin/python" -W ignore::DeprecationWarning scripts/sdk-check.py "$url"
