#!/usr/bin/env bash
# The benchmark harness of issue 9, in one command. It
#   1. builds the packaged services and the harness (./mvnw -DskipTests package),
#   2. times the start-up (benchmarks/startup.sh): each service alone and the whole suite, on JDK 17 and JDK 25, each
#      without and with its start-up cache (training the caches first), BENCH_STARTUP_REPEATS times (default 3; 0 skips),
#   3. (re)starts the local suite one service at a time, timing each to readiness, on the JDK and cache ./esscard uses
#      (a suite that was running is restarted and left running; one that was not is stopped at the end),
#   4. runs BenchmarkRun: the Argon2id hash bound and logins (Gatling), Keycloak's password grant beside them,
#      the permit inquiry ladder, cancel → inbox over 1,000 events, the 1,000,000-permit expiry scan twice,
#      and RSS per service idle and under load,
#   5. writes the figures into docs/BENCHMARKS.md (between the harness's markers) and docs/benchmarks/.
#
#   benchmarks/run.sh            the full run (about 20 minutes on 2 cores; downloads Keycloak once, 160 MB;
#                                Keycloak 26 needs a JDK 21+: BENCH_KEYCLOAK_JAVA_HOME or one under /usr/lib/jvm)
#   benchmarks/run.sh --smoke    the seconds-long smoke CI runs (HarnessSmokeIT: its own broker and services)
#   benchmarks/run.sh --no-build skip step 1 (jars already built from this checkout)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"

BUILD=true
for a in "$@"; do
  case $a in
    --smoke)
      exec ./mvnw -B -ntp -pl benchmarks -am verify -Dtest=HarnessSmokeNoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
        -Dit.test=HarnessSmokeIT -Dfailsafe.failIfNoSpecifiedTests=false
      ;;
    --no-build) BUILD=false ;;
    *) echo "usage: benchmarks/run.sh [--smoke | --no-build]" >&2; exit 2 ;;
  esac
done

APPS=(provider-simulator account-service identity-service permit-service notification-service)
declare -A PORT=([provider-simulator]=8089 [account-service]=8081 [identity-service]=8082 [permit-service]=8083 [notification-service]=8084)

# the inquiry under wrk (InquiryWrk) and PostgreSQL's limit beside it (pgbench); skipped by the harness without them
for tool in wrk pgbench; do
  if ! command -v $tool >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    pkg=$tool; [[ $tool == pgbench ]] && pkg=postgresql-contrib
    echo "==> installing $pkg (apt-get)"
    apt-get install -y -q "$pkg" >/dev/null 2>&1 || echo "    could not install $pkg; the wrk ladder is skipped" >&2
  fi
done

if $BUILD; then
  echo "==> build: ./mvnw -B -q -DskipTests package -Dquarkus.package.jar.type=aot-jar (docs/STARTUP.md)"
  ./mvnw -B -q -DskipTests package -Dquarkus.package.jar.type=aot-jar
fi

was_running=false
for app in "${APPS[@]}"; do
  if [[ -f .run/pids/$app.pid ]] && kill -0 "$(cat ".run/pids/$app.pid")" 2>/dev/null; then was_running=true; fi
done
finish() {
  if ! $was_running; then
    echo "==> stopping the suite this command started"
    ./esscard down >/dev/null 2>&1 || true
  fi
}
trap finish EXIT

if $was_running; then
  echo "==> the suite was running: restarting it, one service at a time, to time each start"
fi
./esscard down >/dev/null
mkdir -p .run/logs
STARTUP=()
if (("${BENCH_STARTUP_REPEATS:-3}" > 0)); then
  echo "==> start-up: JDK 17 and JDK 25, without and with the start-up cache (benchmarks/startup.sh)"
  benchmarks/startup.sh --repeats "${BENCH_STARTUP_REPEATS:-3}" --out benchmarks/target/startup.tsv
  STARTUP=(--startup benchmarks/target/startup.tsv)
fi
echo "==> PostgreSQL, keys, Kafka; the start-up caches trained when the jars changed (./esscard up -d, then down)"
./esscard up -d >.run/logs/bench-up-train.out 2>&1 || { cat .run/logs/bench-up-train.out >&2; exit 1; }
./esscard down >/dev/null
ESSCARD_APPS="" ./esscard up -d >/dev/null

now() { date +%s.%N; }
# HTTP status of a service's readiness probe (curl when there is one, else bash's /dev/tcp), 000 when nothing answers
ready_code() {
  local code
  if command -v curl >/dev/null 2>&1; then
    code=$(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$1/q/health/ready" 2>/dev/null) || true
  else
    code=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && read -r -t 1 _ c _ <&3 && printf '%s' "$c") 2>/dev/null) || true
  fi
  printf '%s' "${code:-000}"
}
ready=()
mkdir -p .run/logs
for app in "${APPS[@]}"; do
  t0=$(now)
  ESSCARD_APPS="$app" ./esscard up -d >".run/logs/bench-up-$app.out" 2>&1 &
  up=$!
  until [[ $(ready_code "${PORT[$app]}") == 200 ]]; do
    if ! kill -0 "$up" 2>/dev/null && ! wait "$up"; then
      cat ".run/logs/bench-up-$app.out" >&2
      exit 1
    fi
    sleep 0.1
  done
  t=$(awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}')
  wait "$up"
  echo "    $app ready in $t s"
  ready+=("$app=$t")
done

JAVA_OPTS=(--add-opens java.base/java.lang=ALL-UNNAMED -Xmx1g)
java "${JAVA_OPTS[@]}" -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" org.esscard.benchmarks.BenchmarkRun \
  --root "$ROOT" --ready "$(IFS=,; echo "${ready[*]}")" "${STARTUP[@]}" --command "benchmarks/run.sh"
