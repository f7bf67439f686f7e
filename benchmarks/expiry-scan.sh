#!/usr/bin/env bash
# Expiry scan benchmark (issue 3, R19): N permits (default 1,000,000) in a database of their own, the
# packaged permit-service scanning them at start with -Xmx256m as in production. Prints the scan's time,
# what it emitted, the JVM's peak RSS, and a second scan's result (it must emit nothing).
#
#   benchmarks/expiry-scan.sh [N]
#
# The last lines it prints start with "result " (key=value), for the harness (benchmarks/run.sh) to read.
#
# Validity dates spread evenly from 60 days ago to 6 years ahead, so about 2.7 % of the permits have
# expired and 1.4 % fall inside the 30-day reminder window. Kafka is left out on purpose: the relay is
# off and the events wait in the outbox, so the figure is the scan's alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1000000}
DB=${EXPIRY_SCAN_DB:-esscard_bench_permit}
PORT=${EXPIRY_SCAN_PORT:-18083}
JAR=$ROOT/permit-service/target/quarkus-app/quarkus-run.jar
WORK=$ROOT/target/bench-expiry
mkdir -p "$WORK"
cd "$ROOT"

deploy/local/postgres.sh ensure >/dev/null
[[ -f $JAR ]] || ./mvnw -B -q -pl permit-service -am install -DskipTests
# the esscard role may create databases (deploy/local/postgres.sh gives it CREATEDB); the superuser is the fallback
admin() {
  PGPASSWORD=esscard psql -h 127.0.0.1 -U esscard -d postgres -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null ||
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null || runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"
}
bench() { PGPASSWORD=esscard psql -h 127.0.0.1 -U esscard -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }
admin -c "drop database if exists $DB" -c "create database $DB owner esscard"

# is the service's liveness probe answering 200? (curl when there is one, else bash's /dev/tcp)
live() {
  if command -v curl >/dev/null 2>&1; then
    curl -fs "http://127.0.0.1:$PORT/q/health/live" >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'GET /q/health/live HTTP/1.0\r\n\r\n' >&3 && head -1 <&3 | grep -q ' 200') 2>/dev/null
  fi
}

PID=
start() {   # $1: log file, $2: catch-up at start (true/false)
  QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 ESSCARD_OUTBOX_RELAY_ENABLED=false \
  ESSCARD_PERMIT_EXPIRY_CATCH_UP_AT_START=$2 \
    java -Xmx256m -XX:+UseSerialGC -jar "$JAR" >"$1" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
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

echo "==> schema (Flyway, through the service itself)"
start "$WORK/migrate.log" false
stop

echo "==> loading $N permits"
t0=$(date +%s.%N)
bench -c "insert into work_permit (permit_number, holder_name, passport_number, nationality, employer, position,
            work_city, talent_category, issue_date, valid_until, status, version, created_at, updated_at)
          select 'B' || lpad(g::text, 12, '0'), 'HOLDER NUMBER ' || g, 'P' || lpad(g::text, 8, '0'), 'GBR',
                 'Example Co.', 'Engineer', 'Shanghai', (array['A','B','C'])[1 + g % 3],
                 current_date - 730, current_date - 60 + (g % 2250), 'ACTIVE', 0, now(), now()
          from generate_series(1, $N) g" -c "analyze work_permit"
load_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
printf '    loaded in %s s\n' "$load_s"

echo "==> first scan (catch-up at start)"
start "$WORK/scan1.log" true
line1=$(await_scan "$WORK/scan1.log")
rss1=$(peak_rss_mib)
stop
echo "    $line1" | sed 's/.*expiry scan/expiry scan/'
echo "    peak RSS of the service: $rss1 MiB (-Xmx256m)"
outbox1=$(bench -c 'select count(*) from outbox_message')
echo "    outbox rows written: $outbox1"

echo "==> second scan (must emit nothing)"
start "$WORK/scan2.log" true
line2=$(await_scan "$WORK/scan2.log")
rss2=$(peak_rss_mib)
stop
echo "    $line2" | sed 's/.*expiry scan/expiry scan/'
outbox2=$(bench -c 'select count(*) from outbox_message')
echo "    peak RSS: $rss2 MiB; reminders recorded: $(bench -c 'select count(*) from expiry_reminder'); new outbox rows: $((outbox2 - outbox1))"

admin -c "drop database $DB"
ms() { sed -n 's/.* in \([0-9]*\) ms.*/\1/p' <<<"$1"; }
echo "result permits=$N load_s=$load_s"
echo "result scan1_ms=$(ms "$line1") scan1_events=$outbox1 scan1_rss_mib=$rss1"
echo "result scan2_ms=$(ms "$line2") scan2_events=$((outbox2 - outbox1)) scan2_rss_mib=$rss2"
