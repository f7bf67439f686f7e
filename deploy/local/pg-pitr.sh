#!/usr/bin/env bash
# The point-in-time recovery of docs/KUBERNETES.md rehearsed on a machine's own PostgreSQL binaries: what the Barman
# Cloud plugin and CloudNativePG do with an object store, done with a folder. Used by the chart tests
# (deploy/helm-tests PointInTimeRecoveryTests); an operator can run the same steps by hand to practise a recovery.
#
#   deploy/local/pg-pitr.sh primary <dir> <port> <archive>    init <dir>, start on 127.0.0.1:<port> with every
#                                                             finished WAL segment copied into <archive>
#   deploy/local/pg-pitr.sh base-backup <port> <backup>       a base backup of the server on <port> into <backup>
#                                                             (its WAL comes from the archive, as from the object store)
#   deploy/local/pg-pitr.sh restore <backup> <archive> <dir> <port> [<target-time>]
#                                                             a new server in <dir> from <backup>, replaying the
#                                                             archived WAL up to <target-time> (empty: all of it),
#                                                             then promoted: it accepts writes on a new timeline
#   deploy/local/pg-pitr.sh stop <dir>                        fast shutdown
#
# Each server trusts local connections (user postgres); data directories and the archive must be reachable by the OS
# user postgres when run as root (PostgreSQL refuses to run as root).
set -euo pipefail

die() { printf 'pg-pitr: %s\n' "$*" >&2; exit 1; }

# bindir, as_owner
# shellcheck source=deploy/local/pg-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg-common.sh"

# a directory the server's user owns, mode 700 (PostgreSQL insists on it for data directories)
own_dir() {
  mkdir -p "$1"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$1"
  chmod 700 "$1"
}

start_server() {
  local dir=$1 port=$2
  as_owner "$(bindir)/pg_ctl" -D "$dir" -w -t 120 -l "$dir/server.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir" start >/dev/null || die "the server did not start; see $dir/server.log"
}

cmd_primary() {
  local dir=$1 port=$2 archive=$3 bin
  bin=$(bindir)
  own_dir "$dir"
  own_dir "$archive"
  as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
    die "initdb failed; see $dir.initdb.log"
  # the plugin's barman-cloud-wal-archive does this with the object store: every finished segment, never overwritten
  cat >>"$dir/postgresql.conf" <<EOF
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $archive/%f && cp %p $archive/%f'
EOF
  start_server "$dir" "$port"
}

cmd_base_backup() {
  local port=$1 backup=$2
  own_dir "$backup"
  # the WAL of the backup's own span from the archive too (--wal-method=none), as a recovery from the object store
  # reads it; pg_basebackup waits until that WAL is archived
  as_owner "$(bindir)/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$backup" --wal-method=none \
    --checkpoint=fast --no-password >/dev/null || die "pg_basebackup failed"
}

cmd_restore() {
  local backup=$1 archive=$2 dir=$3 port=$4 target=${5:-}
  own_dir "$dir"
  as_owner cp -a "$backup/." "$dir/"
  rm -f "$dir/postmaster.pid" "$dir/server.log"
  # a recovery, not a standby: replay the archive to the target, then promote (CloudNativePG's bootstrap.recovery)
  {
    printf "restore_command = 'cp %s/%%f %%p'\n" "$archive"
    if [[ -n $target ]]; then
      printf "recovery_target_time = '%s'\n" "$target"
      printf "recovery_target_action = 'promote'\n"
    fi
    # the restored copy must not archive into the source's archive: it writes a history of its own
    printf "archive_mode = off\n"
  } >>"$dir/postgresql.auto.conf"
  as_owner touch "$dir/recovery.signal"
  start_server "$dir" "$port"
}

cmd_stop() {
  local dir=$1
  [[ -f $dir/PG_VERSION ]] || return 0
  if as_owner "$(bindir)/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_owner "$(bindir)/pg_ctl" -D "$dir" -w -t 60 -m fast stop >/dev/null
  fi
}

case "${1:-}" in
  primary) (($# == 4)) || die "usage: $0 primary <dir> <port> <archive>"; shift; cmd_primary "$@" ;;
  base-backup) (($# == 3)) || die "usage: $0 base-backup <port> <backup>"; shift; cmd_base_backup "$@" ;;
  restore) (($# == 5 || $# == 6)) || die "usage: $0 restore <backup> <archive> <dir> <port> [<target-time>]"; shift; cmd_restore "$@" ;;
  stop) (($# == 2)) || die "usage: $0 stop <dir>"; cmd_stop "$2" ;;
  *) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
