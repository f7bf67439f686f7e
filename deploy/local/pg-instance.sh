#!/usr/bin/env bash
# A private PostgreSQL server for one test run: its own data directory and port, so a test may stop and
# restart "the database" (e2e fault tests) without touching the machine's server or anyone else using it.
#
#   deploy/local/pg-instance.sh start <dir> <port> [db ...]   init <dir> if new, start on 127.0.0.1:<port>,
#                                                             create role esscard/esscard and the databases
#   deploy/local/pg-instance.sh stop <dir>                     fast shutdown (connections are cut)
#   deploy/local/pg-instance.sh status <dir>                   exit 0 when running
#
# Needs the PostgreSQL server binaries (deploy/local/postgres.sh ensure installs them on Debian). As root the
# server runs as the OS user postgres, since PostgreSQL refuses to run as root.
set -euo pipefail

die() { printf 'pg-instance: %s\n' "$*" >&2; exit 1; }

# bindir, as_owner
# shellcheck source=deploy/local/pg-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg-common.sh"

cmd_start() {
  local dir=$1 port=$2 bin
  shift 2
  bin=$(bindir)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
  chmod 700 "$dir"
  if [[ ! -f $dir/PG_VERSION ]]; then
    as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
      die "initdb failed; see $dir.initdb.log"
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    # a test server: durability off (the data dies with the run), small memory, loopback only
    as_owner "$bin/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB -c max_connections=200" \
      start >/dev/null || die "the server did not start; see $dir/server.log"
  fi
  local psql=("$bin/psql" -X -w -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  "${psql[@]}" -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'esscard') THEN
        CREATE ROLE esscard LOGIN CREATEDB PASSWORD 'esscard';
      END IF; END \$\$" >/dev/null
  local db
  for db in "$@"; do
    if [[ -z $("${psql[@]}" -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
      "${psql[@]}" -c "CREATE DATABASE \"$db\" OWNER esscard" >/dev/null
    fi
  done
}

cmd_stop() {
  local dir=$1 bin
  bin=$(bindir)
  [[ -f $dir/PG_VERSION ]] || return 0
  if as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$dir" -w -t 60 -m fast stop >/dev/null
  fi
}

cmd_status() {
  local dir=$1
  [[ -f $dir/PG_VERSION ]] || return 3
  as_owner "$(bindir)/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

case "${1:-}" in
  start) (($# >= 3)) || die "usage: $0 start <dir> <port> [db ...]"; shift; cmd_start "$@" ;;
  stop) (($# == 2)) || die "usage: $0 stop <dir>"; cmd_stop "$2" ;;
  status) (($# == 2)) || die "usage: $0 status <dir>"; cmd_status "$2" ;;
  *) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
