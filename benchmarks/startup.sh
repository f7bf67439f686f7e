#!/usr/bin/env bash
# Start-up of the local suite (issue 14, item 6): each service alone and the whole suite to ready, on JDK 17 and on
# JDK 25, each without and with its start-up cache (JDK 17: AppCDS, JDK 25: AOT cache), REPEATS times each.
#
#   benchmarks/startup.sh [--repeats N] [--out FILE]      (default 3, benchmarks/target/startup.tsv)
#                         [--jdks "17 25"] [--apps "permit-service ..."] [--no-suite] [--cached-only]
#                                                  (a part, while profiling)
#
# Needs the packaged jars (benchmarks/run.sh builds them) and the suite stopped; leaves it stopped. Every start goes
# through ./esscard up -d exactly as an operator's does; the time of a service is from its JVM's launch (the mtime of
# the pid file ./esscard writes just before it execs java) to the first 200 from /q/health/ready, polled every 50 ms.
# The suite's time is from its first JVM's launch to the last service ready; the whole ./esscard up -d is beside it.
# Training the caches (one ./esscard up per JDK, when the jars changed) is done first and not timed.
#
# Output, one line per start: jdk <TAB> cache (none|aot|appcds) <TAB> what (service, suite, suite-command) <TAB>
# seconds <TAB> 1-minute load average when it ended. BenchmarkRun --startup FILE puts it in the report (StartupTimes).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=../deploy/local/java.sh
source deploy/local/java.sh

REPEATS=3
OUT=benchmarks/target/startup.tsv
APPS=(provider-simulator account-service identity-service permit-service notification-service)
ALONE=("${APPS[@]}")
WANT_JDKS="17 25"
SUITE=true
UNCACHED=true
while (($#)); do
  case $1 in
    --repeats) REPEATS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --jdks) WANT_JDKS=$2; shift 2 ;;
    --apps) read -r -a ALONE <<<"$2"; shift 2 ;;
    --no-suite) SUITE=false; shift ;;
    --cached-only) UNCACHED=false; shift ;;
    *) echo "usage: benchmarks/startup.sh [--repeats N] [--out FILE] [--jdks \"17 25\"] [--apps \"a b\"] [--no-suite]" >&2; exit 2 ;;
  esac
done
declare -A PORT=([provider-simulator]=8089 [account-service]=8081 [identity-service]=8082 [permit-service]=8083 [notification-service]=8084)

# JDK 17 (the default on these machines) and the newest 25+, when there is one
JDKS=()
for h in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/*17*; do
  if [[ -x $h/bin/java ]]; then JDKS+=("$h"); break; fi
done
if ((${#JDKS[@]} == 0)); then JDKS+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"); fi
newest=$(ESSCARD_JAVA_HOME='' esscard_java)
if (($(esscard_java_feature "$newest") >= 25)); then JDKS+=("$(dirname "$(dirname "$newest")")"); fi

now() { date +%s.%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }
ready() { [[ $(curl -s -o /dev/null -m 1 -w '%{http_code}' "http://127.0.0.1:$1/q/health/ready" 2>/dev/null) == 200 ]]; }
launched() { stat -c %.9Y ".run/pids/$1.pid"; }
since() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

# stop the applications ./esscard started (Kafka and the gateway stay)
stop_apps() {
  local f pid
  for f in .run/pids/*.pid; do
    [[ -e $f ]] || continue
    pid=$(<"$f")
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    rm -f "$f"
  done
}
trap 'stop_apps; ./esscard down >/dev/null 2>&1 || true' EXIT

mkdir -p "$(dirname "$OUT")" .run/logs
: >"$OUT"
./esscard down >/dev/null
echo "==> PostgreSQL, keys, Kafka"
ESSCARD_APPS="" ./esscard up -d >/dev/null

for home in "${JDKS[@]}"; do
  v=$(esscard_java_feature "$home/bin/java")
  [[ " $WANT_JDKS " == *" $v "* ]] || continue
  export ESSCARD_JAVA_HOME=$home
  kind=appcds
  ((v >= 25)) && kind=aot
  echo "==> JDK $v ($home): training the start-up caches when the jars changed"
  train=("${APPS[@]}")
  $SUITE || train=("${ALONE[@]}")
  ESSCARD_APPS="${train[*]}" ./esscard up -d >".run/logs/bench-startup-train-$v.out" 2>&1 || { cat ".run/logs/bench-startup-train-$v.out" >&2; exit 1; }
  stop_apps
  for cache in none "$kind"; do
    [[ $cache != none ]] || $UNCACHED || continue
    if [[ $cache == none ]]; then export ESSCARD_AOT=off; else export ESSCARD_AOT=on; fi
    for ((i = 1; i <= REPEATS; i++)); do
      for app in "${ALONE[@]}"; do
        ESSCARD_APPS="$app" ./esscard up -d >".run/logs/bench-startup-$app.out" 2>&1 &
        up=$!
        until ready "${PORT[$app]}"; do
          if ! kill -0 "$up" 2>/dev/null && ! wait "$up"; then cat ".run/logs/bench-startup-$app.out" >&2; exit 1; fi
          sleep 0.05
        done
        t=$(since "$(launched "$app")" "$(now)")
        wait "$up"
        printf '%s\t%s\t%s\t%s\t%s\n' "$v" "$cache" "$app" "$t" "$(load1)" >>"$OUT"
        echo "    JDK $v, cache $cache, run $i: $app ready in $t s"
        stop_apps
      done
      $SUITE || continue
      t0=$(now)
      ./esscard up -d >.run/logs/bench-startup-suite.out 2>&1 &
      up=$!
      for app in "${APPS[@]}"; do
        until ready "${PORT[$app]}"; do
          if ! kill -0 "$up" 2>/dev/null && ! wait "$up"; then cat .run/logs/bench-startup-suite.out >&2; exit 1; fi
          sleep 0.05
        done
      done
      t_ready=$(now)
      first=$(for app in "${APPS[@]}"; do launched "$app"; done | sort -n | head -1)
      wait "$up"
      t=$(since "$first" "$t_ready")
      printf '%s\t%s\t%s\t%s\t%s\n' "$v" "$cache" suite "$t" "$(load1)" >>"$OUT"
      printf '%s\t%s\t%s\t%s\t%s\n' "$v" "$cache" suite-command "$(since "$t0" "$(now)")" "$(load1)" >>"$OUT"
      echo "    JDK $v, cache $cache, run $i: the suite ready in $t s ($(since "$t0" "$(now)") s for ./esscard up -d)"
      stop_apps
    done
  done
done
unset ESSCARD_JAVA_HOME ESSCARD_AOT
echo "==> $OUT"
