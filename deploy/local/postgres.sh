#!/usr/bin/env bash
# Local PostgreSQL for the eSSCard suite (no Docker).
#
#   deploy/local/postgres.sh [ensure]   make sure PostgreSQL answers at 127.0.0.1:5432 and that the
#                                       role esscard (password esscard) and the suite's nine databases
#                                       exist; starts an installed cluster, or installs PostgreSQL with
#                                       apt-get when running as root. Idempotent, never prompts.
#   deploy/local/postgres.sh status     one line: is it up, and is the suite's role/databases in place.
#
# Called by the root pom (phase initialize) at the start of every `./mvnw verify`.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=5432
ROLE=esscard
ROLE_PASSWORD=esscard
DATABASES=(
  esscard_account esscard_identity esscard_permit esscard_notification
  esscard_account_test esscard_identity_test esscard_permit_test esscard_notification_test
  esscard_platform_test
)

# never prompt for a password, never wait long for a connection, ignore the caller's ~/.psqlrc
export PGCONNECT_TIMEOUT=3
unset PGSERVICE PGOPTIONS 2>/dev/null || true
PSQL_FLAGS=(-X -w -q -v ON_ERROR_STOP=1)

say() { printf 'postgres: %s\n' "$*"; }
die() { printf 'postgres: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# does something answer at 127.0.0.1:5432?
pg_up() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null
  fi
}

wait_up() { # seconds
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    pg_up && return 0
    sleep 0.5
  done
  pg_up
}

# "version/cluster" of every cluster under /etc/postgresql (Debian layout)
installed_clusters() {
  local conf
  [[ -d /etc/postgresql ]] || return 0
  for conf in /etc/postgresql/*/*/postgresql.conf; do
    [[ -f $conf ]] || continue
    conf=${conf#/etc/postgresql/}
    printf '%s\n' "${conf%/postgresql.conf}"
  done
}

start_clusters() {
  local clusters=() c out
  mapfile -t clusters < <(installed_clusters)
  ((${#clusters[@]} > 0)) || return 1
  command -v pg_ctlcluster >/dev/null 2>&1 || die "clusters found under /etc/postgresql but pg_ctlcluster is missing (apt-get install -y postgresql-common)"
  if ! is_root && [[ $(id -un) != postgres ]]; then
    {
      say "PostgreSQL is installed but not running, and starting it needs root. Run:"
      for c in "${clusters[@]}"; do
        # shellcheck disable=SC2016 # printed for the user to run, unexpanded
      printf '  sudo pg_ctlcluster --skip-systemctl-redirect %s %s start\n' "${c%/*}" "${c#*/}"
      done
      printf '  %s ensure\n' "$0"
    } >&2
    exit 1
  fi
  for c in "${clusters[@]}"; do
    say "starting cluster ${c%/*}/${c#*/}"
    # "already running" and similar are not fatal here; the wait for the port decides
    if ! out=$(pg_ctlcluster --skip-systemctl-redirect "${c%/*}" "${c#*/}" start 2>&1); then
      printf '%s\n' "$out" | sed 's/^/  /' >&2
    fi
  done
  return 0
}

install_postgres() {
  if ! is_root || ! command -v apt-get >/dev/null 2>&1; then
    {
      say "PostgreSQL is not installed. Install and start it with:"
      printf '  sudo apt-get update && sudo apt-get install -y postgresql\n'
      # shellcheck disable=SC2016 # printed for the user to run, unexpanded
      printf '  sudo pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start\n'
      printf '  %s ensure\n' "$0"
    } >&2
    exit 1
  fi
  say "PostgreSQL is not installed: installing it with apt-get (one time)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
}

ensure_running() {
  pg_up && return 0
  if ! start_clusters; then
    install_postgres
    start_clusters || die "apt-get installed PostgreSQL but no cluster exists under /etc/postgresql (pg_createcluster <version> main)"
  fi
  wait_up 30 || die "nothing answers at $PG_HOST:$PG_PORT after starting the cluster(s); see /var/log/postgresql/"
}

in_list() {
  local IFS=,
  printf "'%s'" "${DATABASES[*]}" | sed "s/,/','/g"
}

# fast path: can the suite's role log in over TCP with its password and see its nine databases?
suite_ready() {
  local n
  n=$(PGPASSWORD=$ROLE_PASSWORD psql "${PSQL_FLAGS[@]}" -At -h "$PG_HOST" -p "$PG_PORT" -U "$ROLE" -d postgres -c \
    "select count(*) from pg_database d join pg_roles r on r.oid = d.datdba
     where r.rolname = '$ROLE' and r.rolcanlogin and r.rolcreatedb and d.datname in ($(in_list))" 2>/dev/null) || return 1
  [[ $n == "${#DATABASES[@]}" ]]
}

# run psql as a superuser: over TCP as postgres (trust), else over the socket as the OS user postgres
ADMIN=()
find_admin() {
  if psql "${PSQL_FLAGS[@]}" -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    ADMIN=(psql "${PSQL_FLAGS[@]}" -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres)
  elif [[ $(id -un) == postgres ]] && psql "${PSQL_FLAGS[@]}" -p "$PG_PORT" -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    ADMIN=(psql "${PSQL_FLAGS[@]}" -p "$PG_PORT" -d postgres)
  elif is_root && command -v runuser >/dev/null 2>&1 && id postgres >/dev/null 2>&1 &&
    (cd / && runuser -u postgres -- psql "${PSQL_FLAGS[@]}" -p "$PG_PORT" -d postgres -Atc 'select 1') >/dev/null 2>&1; then
    ADMIN=(runuser -u postgres -- psql "${PSQL_FLAGS[@]}" -p "$PG_PORT" -d postgres)
  elif command -v sudo >/dev/null 2>&1 && (cd / && sudo -n -u postgres psql "${PSQL_FLAGS[@]}" -p "$PG_PORT" -d postgres -Atc 'select 1') >/dev/null 2>&1; then
    ADMIN=(sudo -n -u postgres psql "${PSQL_FLAGS[@]}" -p "$PG_PORT" -d postgres)
  else
    {
      say "PostgreSQL runs at $PG_HOST:$PG_PORT but no superuser login works from here"
      say "(tried: psql -h $PG_HOST -U postgres; runuser/sudo -u postgres psql over the socket)."
      say "Create the suite's role and databases once as a superuser, e.g.:"
      printf "  sudo -u postgres psql -c \"CREATE ROLE %s LOGIN CREATEDB PASSWORD '%s'\"\n" "$ROLE" "$ROLE_PASSWORD"
      # shellcheck disable=SC2016 # printed for the user to run, unexpanded
      printf '  for db in %s; do sudo -u postgres createdb -O %s "$db"; done\n' "${DATABASES[*]}" "$ROLE"
    } >&2
    exit 1
  fi
}

provision() {
  find_admin
  # role: create or (re)set login, createdb and password, so scram-sha-256 TCP logins work;
  # databases: create the missing ones and hand every one to the role
  (cd / && "${ADMIN[@]}") <<SQL
SET client_min_messages = warning;
SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE')
            THEN format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', '$ROLE', '$ROLE_PASSWORD')
            ELSE format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', '$ROLE', '$ROLE_PASSWORD') END
\\gexec
SELECT format('CREATE DATABASE %I OWNER %I', d, '$ROLE')
  FROM unnest(ARRAY[$(in_list)]) AS d
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = d)
\\gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', d.datname, '$ROLE')
  FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
 WHERE d.datname IN ($(in_list)) AND r.rolname <> '$ROLE'
\\gexec
SQL
}

cmd_ensure() {
  command -v psql >/dev/null 2>&1 || pg_up || install_postgres
  ensure_running
  command -v psql >/dev/null 2>&1 || die "psql is missing (apt-get install -y postgresql-client)"
  if ! suite_ready; then
    say "creating role $ROLE and the suite's databases"
    provision
    suite_ready || die "role $ROLE still cannot log in over TCP at $PG_HOST:$PG_PORT with its password (check pg_hba.conf for host 127.0.0.1/32)"
  fi
  say "ready at $PG_HOST:$PG_PORT (role $ROLE, ${#DATABASES[@]} databases)"
}

cmd_status() {
  if ! pg_up; then
    say "stopped (nothing answers at $PG_HOST:$PG_PORT)"
    return 3
  fi
  if command -v psql >/dev/null 2>&1 && suite_ready; then
    say "ready at $PG_HOST:$PG_PORT (role $ROLE, ${#DATABASES[@]} databases)"
  else
    say "running at $PG_HOST:$PG_PORT, but role $ROLE or its databases are missing (run: $0 ensure)"
    return 1
  fi
}

case "${1:-ensure}" in
  ensure) cmd_ensure ;;
  status) cmd_status ;;
  -h | --help | help) sed -n '2,10s/^# \{0,1\}//p' "$0" ;;
  *) die "unknown command '$1' (use: ensure | status)" ;;
esac
