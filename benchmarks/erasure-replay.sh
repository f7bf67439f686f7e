#!/usr/bin/env bash
# The erasure ledger's replay at start (issue 18, docs/PRIVACY.md): what it adds to a service's start before it is
# ready. N permits in a database of their own (the packaged permit-service's), a ledger of RESTORED entries for permits
# that database holds (the holders a restore from backup brought back) and OTHERS for holders it does not hold. Each of
# the REPEATS runs starts the service on a fresh copy three times and measures launch → /q/health/ready:
#   restore  the replay finds the RESTORED holders and erases them again (a start after a restore)
#   again    the same database once more: the replay finds nothing (every ordinary start)
#   off      the replay switched off (ESSCARD_PRIVACY_LEDGER_REPLAY=false): the limit the other two are set beside
# and reads the replay's own log line (ledger read, permit numbers hashed, erasures, in ms).
#
#   benchmarks/erasure-replay.sh [N] [RESTORED] [OTHERS] [REPEATS]      defaults 1000000 100 100000 3
#
# Needs the local broker (deploy/local/kafka.sh start) and PostgreSQL (deploy/local/postgres.sh ensure); the last lines
# start with "result " (key=value, one comma-separated value per run).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1000000}
RESTORED=${2:-100}
OTHERS=${3:-100000}
REPEATS=${4:-3}
DB=esscard_bench_erasure
SEED=${DB}_seed
PORT=${ERASURE_REPLAY_PORT:-18085}
TOPIC=bench-erasure-ledger-$(date +%s)
JAR=$ROOT/permit-service/target/quarkus-app/quarkus-run.jar
WORK=$ROOT/target/bench-erasure
mkdir -p "$WORK"
cd "$ROOT"

deploy/local/postgres.sh ensure >/dev/null
deploy/local/kafka.sh status >/dev/null 2>&1 || deploy/local/kafka.sh start >/dev/null
[[ -f $JAR ]] || ./mvnw -B -q -pl permit-service -am package -DskipTests
[[ -f benchmarks/target/benchmarks.jar ]] || ./mvnw -B -q -pl benchmarks -am package -DskipTests
admin() {
  PGPASSWORD=esscard psql -h 127.0.0.1 -U esscard -d postgres -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null ||
    psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null || runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"
}
sql() { PGPASSWORD=esscard psql -h 127.0.0.1 -U esscard -d "$1" -v ON_ERROR_STOP=1 -qAt -c "$2"; }
ready() { curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1; }
live() { curl -fs "http://127.0.0.1:$PORT/q/health/live" >/dev/null 2>&1; }

PID=
MS=
start() {   # $1: log, $2: database, $3: replay (true/false), $4: wait for (ready/live) → MS: launch → that, in ms
  local t0 t1
  t0=$(date +%s%N)
  QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$2 QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$2 \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 ESSCARD_OUTBOX_RELAY_ENABLED=false ESSCARD_PERMIT_EXPIRY_CATCH_UP_AT_START=false \
  ESSCARD_PRIVACY_LEDGER_TOPIC=$TOPIC ESSCARD_PRIVACY_LEDGER_REPLAY=$3 \
    java -Xmx256m -XX:+UseSerialGC -jar "$JAR" >"$1" 2>&1 &
  PID=$!
  for _ in $(seq 1 3000); do   # up to 5 min
    if "$4"; then
      t1=$(date +%s%N)
      MS=$(((t1 - t0) / 1000000))
      return 0
    fi
    sleep 0.1
  done
  echo "permit-service was not $4; see $1" >&2; kill "$PID"; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
# the replay's log line → "ledger-read numbers-read hashed erasures erased-again"
replay_ms() {
  sed -n 's/.*erasure ledger: [0-9]* erased holders, \(none\|[0-9]*\) \(of them\).*ledger read in \([0-9]*\) ms, [0-9]* permit numbers read in \([0-9]*\) ms and hashed in \([0-9]*\) ms, erasures in \([0-9]*\) ms.*/\3 \4 \5 \6 \1/p' "$1" | head -1 | sed 's/ none$/ 0/'
}

echo "==> $N permits into $SEED"
admin -c "drop database if exists $DB" -c "drop database if exists $SEED" -c "create database $SEED owner esscard"
start "$WORK/migrate.log" "$SEED" false live
stop
sql "$SEED" "insert into work_permit (permit_number, holder_name, passport_number, nationality, employer, position,
            work_city, talent_category, issue_date, valid_until, status, version, created_at, updated_at)
          select 'B' || lpad(g::text, 12, '0'), 'HOLDER NUMBER ' || g, 'P' || lpad(g::text, 8, '0'), 'GBR',
                 'Example Co.', 'Engineer', 'Shanghai', (array['A','B','C'])[1 + g % 3],
                 current_date - 1500, current_date - 800, 'EXPIRED', 1, now(), now()
          from generate_series(1, $N) g"
sql "$SEED" "analyze work_permit"

echo "==> a ledger of $((RESTORED + OTHERS)) entries on $TOPIC"
java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.esscard.benchmarks.ErasureLedgerLoad \
  127.0.0.1:9092 "$TOPIC" local-only-pseudonym-key-change-me "$RESTORED" "$OTHERS"

join() { local IFS=,; echo "$*"; }
restore_ms=() again_ms=() off_ms=() read_ms=() list_ms=() hash_ms=() erase_ms=() erased=() again_erased=()
for run in $(seq 1 "$REPEATS"); do
  admin -c "drop database if exists $DB"
  admin -c "create database $DB template $SEED owner esscard strategy file_copy" 2>/dev/null || admin -c "create database $DB template $SEED owner esscard"
  start "$WORK/restore.log" "$DB" true ready; stop; restore_ms+=("$MS")
  read -r r l h e n <<<"$(replay_ms "$WORK/restore.log")"
  read_ms+=("$r") list_ms+=("$l") hash_ms+=("$h") erase_ms+=("$e") erased+=("$n")
  start "$WORK/again.log" "$DB" true ready; stop; again_ms+=("$MS")
  read -r _ _ _ _ n2 <<<"$(replay_ms "$WORK/again.log")"
  again_erased+=("$n2")
  start "$WORK/off.log" "$DB" false ready; stop; off_ms+=("$MS")
  rows=$(sql "$DB" "select count(*) from work_permit where erased_at is not null")
  echo "    run $run: ready after a restore ${restore_ms[-1]} ms (replay: ledger read ${r} ms, $N numbers read ${l} ms and hashed ${h} ms, $n erased again in ${e} ms),"\
       "a start after it ${again_ms[-1]} ms ($n2 erased), without the replay ${off_ms[-1]} ms; rows erased: $rows"
  [[ $n == "$RESTORED" && $n2 == 0 && $rows == "$RESTORED" ]] || { echo "the replay erased other holders than the ledger names" >&2; exit 1; }
done
admin -c "drop database $DB" -c "drop database $SEED"
echo "result permits=$N restored=$RESTORED ledger_entries=$((RESTORED + OTHERS)) repeats=$REPEATS"
echo "result ready_restore_ms=$(join "${restore_ms[@]}") ready_again_ms=$(join "${again_ms[@]}") ready_off_ms=$(join "${off_ms[@]}")"
echo "result ledger_read_ms=$(join "${read_ms[@]}") numbers_read_ms=$(join "${list_ms[@]}") hash_ms=$(join "${hash_ms[@]}") erasures_ms=$(join "${erase_ms[@]}")"
