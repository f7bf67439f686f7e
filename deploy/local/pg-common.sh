# Sourced by deploy/local/pg-instance.sh and pg-pitr.sh: where the PostgreSQL server binaries are, and running a
# command as the OS user that owns a server (PostgreSQL refuses to run as root). The sourcing script defines die.

# the newest PostgreSQL server bin directory on the machine
bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z $d ]] && command -v pg_config >/dev/null 2>&1; then d=$(pg_config --bindir); fi
  [[ -n $d && -x $d/initdb ]] || die "PostgreSQL server binaries not found (run deploy/local/postgres.sh ensure)"
  printf '%s\n' "$d"
}

# runs a command as the user that owns the server
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}
