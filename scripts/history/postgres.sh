# A throwaway PostgreSQL server on a loopback port, for the history tests (docs/history.md).
# Source it, then:
#   pg_start            initdb in a new temporary directory, start on a free port (never 5432),
#                       create the role `airm` (password login, CREATEDB) and its database;
#                       sets PG_URL=postgres://airm:PASSWORD@127.0.0.1:PORT/airm, PG_PORT, PG_DIR
#   pg_stop [mode]      stop it (pg_ctl -m fast, or the given mode) and keep the directory
#   pg_restart          start the stopped server again on the same port
#   pg_cleanup          stop it and delete the directory
# Installs Debian's `postgresql` when no initdb is found. postgres refuses to run as root, so
# as root the server runs as the `postgres` user (runuser).

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

pg_install() {
  pg_bin >/dev/null && command -v psql >/dev/null && return 0
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

pg_as_owner() {
  # From / : the postgres user may not enter the caller's working directory.
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_free_port() {
  python3 -c 'import socket
for port in range(55432, 55532):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port)); print(port); break
    except OSError:
        pass
    finally:
        s.close()'
}

pg_start() {
  pg_install
  local bin password
  bin=$(pg_bin)
  PG_DIR=$(mktemp -d /var/tmp/airm-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  mkdir -p "$PG_DIR/data" "$PG_DIR/socket"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$PG_DIR"
  PG_PORT=$(pg_free_port)
  password=$(python3 -c 'import secrets; print(secrets.token_hex(12))')
  pg_as_owner "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR/socket -c listen_addresses=127.0.0.1" start >/dev/null
  pg_as_owner psql -q -h "$PG_DIR/socket" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE airm LOGIN CREATEDB PASSWORD '$password'" -c "CREATE DATABASE airm OWNER airm" >/dev/null
  PG_URL="postgres://airm:$password@127.0.0.1:$PG_PORT/airm"
  export PG_DIR PG_PORT PG_URL
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m "${1:-fast}" -w stop >/dev/null
}

pg_restart() {
  pg_as_owner "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR/socket -c listen_addresses=127.0.0.1" start >/dev/null
}

pg_cleanup() {
  pg_stop fast || true
  [ -n "${PG_DIR:-}" ] && rm -rf "$PG_DIR"
  PG_DIR=
}
