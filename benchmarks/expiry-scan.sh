#!/usr/bin/env bash
# Expiry scan benchmark (issues 3 and 14, R19): N permits (default 1,000,000; the full run 10,000,000) in a database
# of their own, the packaged permit-service scanning them at start with -Xmx256m as in production. Prints the scan's
# time, what it emitted against what the rules say it must (counted in SQL), the JVM's peak RSS, and a second scan's
# result (it must emit nothing).
#
#   benchmarks/expiry-scan.sh [N] [REPEATS]
#
# The permits are loaded once; each of the REPEATS runs (default 1) scans a fresh copy of them (CREATE DATABASE
# ... TEMPLATE, a file copy: seconds, where loading 10,000,000 again takes minutes), twice.
#
# The last lines it prints start with "result " (key=value; a value measured in each run is a comma-separated list,
# one per run), for the harness (benchmarks/run.sh, ExpiryScanFigures) to read.
#
# Validity dates spread evenly from 60 days ago to 6 years ahead, so about 2.7 % of the permits have
# expired and 1.4 % fall inside the 30-day reminder window. Kafka is left out on purpose: the relay is
# off and the events wait in the outbox, so the figure is the scan's alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1000000}
REPEATS=${2:-1}
DB=${EXPIRY_SCAN_DB:-esscard_bench_permit}
PORT=${EXPIRY_SCAN_PORT:-18083}
JAR=${EXPIRY_SCAN_JAR:-$ROOT/permit-service/target/quarkus-app/quarkus-run.jar}
WORK=$ROOT/target/bench-expiry
mkdir -p "$WORK"
cd "$ROOT"

deploy/local/postgres.sh ensure >/dev/null
[[ -f $JAR ]] || ./mvnw -B -q -pl permit-service -am package -DskipTests
# the esscard role may create databases (deploy/local/postgres.sh gives it CREATEDB); the superuser is the fallback
admin() {
  PGPASSWORD=esscard psql -h 127.0.0.1 -U esscard -d postgres -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null ||
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null || runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"
}
bench() { PGPASSWORD=esscard psql -h 127.0.0.1 -U esscard -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
seed() { PGPASSWORD=esscard psql -h 127.0.0.1 -U esscard -d "$SEED" -v ON_ERROR_STOP=1 -qAt "$@"; }
SEED=${DB}_seed
# EXPIRY_SCAN_KEEP_SEED=1 keeps the loaded permits for the next call, which then reuses them (same N) instead of loading
KEEP_SEED=${EXPIRY_SCAN_KEEP_SEED:-0}

# is the service's liveness probe answering 200? (curl when there is one, else bash's /dev/tcp)
live() {
  if command -v curl >/dev/null 2>&1; then
    curl -fs "http://127.0.0.1:$PORT/q/health/live" >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'GET /q/health/live HTTP/1.0\r\n\r\n' >&3 && head -1 <&3 | grep -q ' 200') 2>/dev/null
  fi
}

PID=
start() {   # $1: log file, $2: catch-up at start (true/false), $3: database (default $DB)
  QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/${3:-$DB} \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/${3:-$DB} \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 ESSCARD_OUTBOX_RELAY_ENABLED=false \
  ESSCARD_PERMIT_EXPIRY_CATCH_UP_AT_START=$2 \
    java -Xmx256m -XX:+UseSerialGC -jar "$JAR" >"$1" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do   # up to 5 min: on a machine loaded by builds a start took 80 s
    live && return 0
    sleep 0.5
  done
  echo "permit-service did not start; see $1" >&2; kill "$PID"; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
await_scan() {   # $1: log file → prints the scan's log line
  for _ in $(seq 1 1200); do
    grep -m1 'expiry scan for' "$1" && return 0
    sleep 0.5
  done
  echo "no scan finished; see $1" >&2; stop; exit 1
}
peak_rss_mib() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$PID/status"; }
# CPU seconds (user + system) the service's JVM and the database's backends have used so far: on a machine shared
# with builds the wall time mostly waits for a core, and these say what the scan itself costs
cpu_s() { awk -v t="$(getconf CLK_TCK)" '{s += $14 + $15} END {printf "%.1f", s / t}' "$@" 2>/dev/null || echo 0; }
jvm_cpu_s() { cpu_s "/proc/$PID/stat"; }
pg_cpu_s() {
  local pids; pids=$(bench -c "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")
  [[ -n $pids ]] && cpu_s $(printf '/proc/%s/stat ' $pids) || echo 0
}

if [[ $KEEP_SEED == 1 && $(seed -c "select count(*) from work_permit" 2>/dev/null) == "$N" ]]; then
  load_s=kept
  echo "==> reusing the $N permits kept in $SEED"
else
admin -c "drop database if exists $DB" -c "drop database if exists $SEED" -c "create database $SEED owner esscard"
echo "==> schema (Flyway, through the service itself)"
start "$WORK/migrate.log" false "$SEED"
stop

echo "==> loading $N permits"
t0=$(date +%s.%N)
seed -c "insert into work_permit (permit_number, holder_name, passport_number, nationality, employer, position,
            work_city, talent_category, issue_date, valid_until, status, version, created_at, updated_at)
          select 'B' || lpad(g::text, 12, '0'), 'HOLDER NUMBER ' || g, 'P' || lpad(g::text, 8, '0'), 'GBR',
                 'Example Co.', 'Engineer', 'Shanghai', (array['A','B','C'])[1 + g % 3],
                 current_date - 730, current_date - 60 + (g % 2250), 'ACTIVE', 0, now(), now()
          from generate_series(1, $N) g" -c "analyze work_permit"
load_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
printf '    loaded in %s s\n' "$load_s"
fi

# what R19 says the first scan emits on $1, the day in China the scan ran (PermitValidity.ZONE), counted in SQL in the
# untouched seed: PermitExpired for every ACTIVE permit past valid-until; PermitExpiring at 7 days for 0-7 days left,
# at 30 for 8-30
expected() {
  seed -F ' ' -c "with d as (select date '$1' as today)
    select count(*) filter (where valid_until < today),
           count(*) filter (where valid_until between today and today + 7),
           count(*) filter (where valid_until between today + 8 and today + 30)
    from work_permit, d where status = 'ACTIVE' and valid_until <= today + 30"
}
# events in the outbox by kind: expired, then expiring
emitted() {
  bench -F ' ' -c "select count(*) filter (where event_type = 'esscard.permit.PermitExpired.v1'),
    count(*) filter (where event_type = 'esscard.permit.PermitExpiring.v1') from outbox_message"
}
join() { local IFS=,; echo "$*"; }
ms() { sed -n 's/.* in \([0-9]*\) ms.*/\1/p' <<<"$1"; }

scan1_jvm=() scan1_pg=() scan2_jvm=() scan2_pg=() loads=()
scan1_ms=() scan1_events=() scan1_rss=() scan2_ms=() scan2_events=() scan2_rss=() copy_s=()
for run in $(seq 1 "$REPEATS"); do
  echo "==> run $run of $REPEATS: a fresh copy of the $N permits"
  t0=$(date +%s.%N)
  admin -c "drop database if exists $DB"
  # FILE_COPY (PostgreSQL 15+) copies the files after a checkpoint instead of writing every page through the WAL
  admin -c "create database $DB template $SEED owner esscard strategy file_copy" || admin -c "create database $DB template $SEED owner esscard"
  copy_s+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')")

  echo "==> run $run: first scan (catch-up at start)"
  start "$WORK/scan1.log" true
  line1=$(await_scan "$WORK/scan1.log")
  rss1=$(peak_rss_mib) jvm1=$(jvm_cpu_s) pg1=$(pg_cpu_s)
  stop
  echo "    $line1" | sed 's/.*expiry scan/expiry scan/'
  echo "    peak RSS of the service: $rss1 MiB (-Xmx256m); CPU since its start: JVM $jvm1 s, PostgreSQL backends $pg1 s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  read -r want_expired want_7 want_30 <<<"$(expected "$(sed -n 's/.*expiry scan for \([0-9-]*\):.*/\1/p' <<<"$line1")")"
  echo "    R19 says (SQL count on the seed): $want_expired expired, expiring reminders {7=$want_7, 30=$want_30}"
  read -r got_expired got_expiring <<<"$(emitted)"
  echo "    outbox rows written: $got_expired PermitExpired, $got_expiring PermitExpiring"
  if [[ $got_expired != "$want_expired" || $got_expiring != $((want_7 + want_30)) ]] ||
     ! grep -q "$want_expired expired, expiring reminders {7=$want_7, 30=$want_30}" <<<"$line1"; then
    echo "the scan emitted other events than R19 says (see above)" >&2; exit 1
  fi

  echo "==> run $run: second scan (must emit nothing)"
  start "$WORK/scan2.log" true
  line2=$(await_scan "$WORK/scan2.log")
  rss2=$(peak_rss_mib) jvm2=$(jvm_cpu_s) pg2=$(pg_cpu_s)
  stop
  echo "    CPU since its start: JVM $jvm2 s, PostgreSQL backends $pg2 s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "    $line2" | sed 's/.*expiry scan/expiry scan/'
  read -r again_expired again_expiring <<<"$(emitted)"
  new=$((again_expired + again_expiring - got_expired - got_expiring))
  echo "    peak RSS: $rss2 MiB; reminders recorded: $(bench -c 'select count(*) from expiry_reminder'); new outbox rows: $new"

  scan1_ms+=("$(ms "$line1")") scan1_events+=("$((got_expired + got_expiring))") scan1_rss+=("$rss1")
  scan1_jvm+=("$jvm1") scan1_pg+=("$pg1") scan2_jvm+=("$jvm2") scan2_pg+=("$pg2") loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  scan2_ms+=("$(ms "$line2")") scan2_events+=("$new") scan2_rss+=("$rss2")
  admin -c "drop database $DB"
done

[[ $KEEP_SEED == 1 ]] || admin -c "drop database $SEED"
echo "result permits=$N load_s=$load_s repeats=$REPEATS copy_s=$(join "${copy_s[@]}") expected_events=$((want_expired + want_7 + want_30))"
echo "result scan1_ms=$(join "${scan1_ms[@]}") scan1_events=$(join "${scan1_events[@]}") scan1_rss_mib=$(join "${scan1_rss[@]}")"
echo "result scan2_ms=$(join "${scan2_ms[@]}") scan2_events=$(join "${scan2_events[@]}") scan2_rss_mib=$(join "${scan2_rss[@]}")"
echo "result scan1_jvm_cpu_s=$(join "${scan1_jvm[@]}") scan1_pg_cpu_s=$(join "${scan1_pg[@]}") scan2_jvm_cpu_s=$(join "${scan2_jvm[@]}") scan2_pg_cpu_s=$(join "${scan2_pg[@]}") load1=$(join "${loads[@]}")"
