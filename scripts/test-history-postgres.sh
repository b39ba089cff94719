#!/usr/bin/env bash
# History in PostgreSQL end to end, the way a team's CI would use it (docs/history.md):
#   1. `airm history` and `airm compare` print the same for the same runs in SQLite and in PostgreSQL;
#   2. 8 parallel `airm run` processes write to one server: every run lands, ids unique;
#   3. the server stops while a live run is under way: exit 3, the reports are written, and the
#      message names the server without its password; a wrong password and a server that is not
#      there give exit 3 without the password too;
#   4. a schema from a newer airm is refused with exit 3.
#
#   scripts/test-history-postgres.sh        (AIRM=path/to/airm, default: the debug build)
#
# Starts its own throwaway server (scripts/history/postgres.sh) and stops it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "test-history-postgres: $*" >&2; exit 1; }

airm=${AIRM:-$(swift build --show-bin-path)/airm}
[ -x "$airm" ] || fail "no airm binary at $airm"
airm=$(realpath "$airm")
examples=$(realpath experiments)

# shellcheck source=history/postgres.sh
source scripts/history/postgres.sh
work=$(mktemp -d)
fake=""
cleanup() {
  [ -n "$fake" ] && { kill "$fake" 2>/dev/null || true; wait "$fake" 2>/dev/null || true; }
  pg_cleanup
  rm -rf "$work"
}
trap cleanup EXIT
pg_start
url=$PG_URL
password=${url#postgres://airm:}
password=${password%%@*}
cd "$work"
echo "PostgreSQL on 127.0.0.1:$PG_PORT"

no_password() {
  local file
  for file in "$@"; do
    if grep -rqF -- "$password" "$file"; then fail "the password appears in $file"; fi
  done
}

step "airm history and airm compare print the same from SQLite and from PostgreSQL"
for day in 01 02; do
  for history in "$work/history.sqlite" "$url"; do
    set +e
    "$airm" run --quiet --history "$history" --timestamp "2026-01-${day}T00:00:00Z" --out "$work/reports-$day" \
      "$examples/gemini-outage.yaml" "$examples/latency-spike.yaml" "$examples/failing/" >/dev/null
    code=$?
    set -e
    [ "$code" -eq 1 ] || fail "airm run --history $history: expected exit 1 (the failing example), got $code"
  done
done
for command in "history" "history --format json" "compare" "compare --format json" "compare 1 2 --force --format markdown"; do
  # shellcheck disable=SC2086
  "$airm" $command --history "$work/history.sqlite" >"$work/sqlite.out"
  # shellcheck disable=SC2086
  AIRM_HISTORY_URL=$url "$airm" $command >"$work/postgres.out"
  diff -u "$work/sqlite.out" "$work/postgres.out" || fail "airm $command differs between SQLite and PostgreSQL"
  [ -s "$work/postgres.out" ] || fail "airm $command printed nothing"
  echo "same: airm $command ($(wc -l <"$work/postgres.out") lines)"
done
no_password "$work/postgres.out" "$work/reports-01" "$work/reports-02"

step "8 parallel airm run processes on one server"
before=$(psql "$url" -Atc "SELECT count(*) FROM runs")
pids=()
for index in $(seq 1 8); do
  "$airm" run --quiet --history "$url" --out "$work/parallel-$index" "$examples/gemini-outage.yaml" \
    >"$work/parallel-$index.log" 2>&1 &
  pids+=("$!")
done
for pid in "${pids[@]}"; do wait "$pid" || fail "a parallel airm run failed"; done
read -r rows ids < <(psql "$url" -At -F ' ' -c "SELECT count(*), count(DISTINCT id) FROM runs")
[ "$rows" -eq $((before + 8)) ] || fail "expected $((before + 8)) runs after 8 parallel writers, found $rows"
[ "$ids" -eq "$rows" ] || fail "run ids are not unique"
echo "runs: $before before, $rows after, $ids distinct ids"

step "The server stops while a live run is under way: reports kept, exit 3, no password"
"$airm" fake-providers --port 0 >"$work/fake.log" 2>&1 &
fake=$!
endpoint=""
for _ in $(seq 1 100); do
  endpoint=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/fake.log" | head -n 1 || true)
  [ -n "$endpoint" ] && break
  sleep 0.1
done
[ -n "$endpoint" ] || fail "airm fake-providers did not start"
cat >"$work/slow.yaml" <<YAML
version: 1
name: history-slow
seed: 1
duration: 4s
mode: live
providers:
  gemini:
    type: gemini
    endpoint: $endpoint
    api_key: \${GEMINI_API_KEY}
traffic:
  - name: chat
    rate: 2/s
YAML
set +e
GEMINI_API_KEY=test "$airm" run --quiet --history "$url" --out "$work/gone" "$work/slow.yaml" >"$work/gone.out" 2>"$work/gone.err" &
run=$!
sleep 1
pg_stop immediate
wait "$run"
code=$?
set -e
cat "$work/gone.err"
[ "$code" -eq 3 ] || fail "expected exit 3 when the server went away, got $code"
[ -s "$work/gone/history-slow.json" ] && [ -s "$work/gone/junit.xml" ] || fail "the reports were not written"
grep -qF "cannot reach the history database at 127.0.0.1:$PG_PORT" "$work/gone.err" || fail "the message does not name the server"
grep -qF "postgres://airm:***@127.0.0.1:$PG_PORT/airm" "$work/gone.err" || fail "the message does not show the redacted URL"
grep -qF "reports were written" "$work/gone.err" || fail "the message does not say the reports were kept"
no_password "$work/gone.out" "$work/gone.err" "$work/gone"

step "A server that is not there, and a wrong password: exit 3, no password"
set +e
"$airm" history --history "$url" >"$work/down.out" 2>"$work/down.err"
code=$?
set -e
[ "$code" -eq 3 ] || fail "expected exit 3 from airm history with the server down, got $code"
no_password "$work/down.out" "$work/down.err"
pg_restart
set +e
"$airm" history --history "postgres://airm:not-$password@127.0.0.1:$PG_PORT/airm" >"$work/auth.out" 2>"$work/auth.err"
code=$?
set -e
cat "$work/auth.err"
[ "$code" -eq 3 ] || fail "expected exit 3 for a wrong password, got $code"
grep -qF "password authentication failed" "$work/auth.err" || fail "the message does not say the login was refused"
no_password "$work/auth.out" "$work/auth.err"

step "A schema from a newer airm is refused"
psql "$url" -qc "UPDATE airm_schema_version SET version = version + 1"
set +e
"$airm" history --history "$url" >/dev/null 2>"$work/newer.err"
code=$?
set -e
cat "$work/newer.err"
[ "$code" -eq 3 ] || fail "expected exit 3 for a newer schema, got $code"
grep -qF "was written by a newer airm" "$work/newer.err" || fail "the message does not say the schema is newer"

step "History in PostgreSQL passed"
