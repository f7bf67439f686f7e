#!/usr/bin/env bash
# Local single-node Kafka broker (KRaft, broker+controller in one JVM) for the eSSCard suite, no Docker.
#
#   deploy/local/kafka.sh start    build the broker jars if missing, format storage once, start the broker
#                                  in the background, wait until 127.0.0.1:9092 accepts connections (60 s)
#   deploy/local/kafka.sh stop     stop the broker this script started (SIGTERM, 20 s, then SIGKILL)
#   deploy/local/kafka.sh status   one line; exit 0 when running, 3 when stopped
#   deploy/local/kafka.sh logs     follow the broker's log (--no-follow: print its last 200 lines)
#
# State lives in <repo>/.run/kafka/: data/, server.properties, log4j2.properties, kafka.pid, kafka.log,
# console.out (the JVM's own stdout/stderr). Listens on 127.0.0.1:9092 (clients), 127.0.0.1:9093 (controller).
# ESSCARD_KAFKA_JAVA_OPTS replaces the JVM options (default: -Xmx512m -Xms64m -XX:+UseSerialGC).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd -P)
LIBS=${ESSCARD_KAFKA_LIBS:-$ROOT/deploy/local/kafka-broker/target/libs}
STATE=$ROOT/.run/kafka
DATA=$STATE/data
PROPS=$STATE/server.properties
LOG4J=$STATE/log4j2.properties
PID_FILE=$STATE/kafka.pid
LOG=$STATE/kafka.log
CONSOLE=$STATE/console.out
HOST=127.0.0.1
PORT=9092
CONTROLLER_PORT=9093
START_TIMEOUT=60
STOP_TIMEOUT=20
read -r -a JAVA_OPTS <<<"${ESSCARD_KAFKA_JAVA_OPTS:--Xmx512m -Xms64m -XX:+UseSerialGC}"

say() { printf 'kafka: %s\n' "$*"; }
die() { printf 'kafka: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# who listens on a port, as ss tells it (may be empty without privileges)
port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*))' | head -1 || true
}

# is $1 the pid of the broker started from this checkout?
is_our_broker() {
  local pid=$1 cmd
  [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
  cmd=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || return 1
  [[ $cmd == *kafka.Kafka* && $cmd == *"$PROPS"* ]]
}

# pid of our running broker, or fail (removes a stale pid file)
running_pid() {
  local pid
  [[ -f $PID_FILE ]] || return 1
  pid=$(<"$PID_FILE")
  if is_our_broker "$pid"; then
    printf '%s\n' "$pid"
    return 0
  fi
  rm -f "$PID_FILE"
  return 1
}

build_libs() {
  if compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null; then
    return 0
  fi
  [[ -z ${ESSCARD_KAFKA_LIBS:-} ]] || die "no kafka_2.13 jar in ESSCARD_KAFKA_LIBS=$LIBS"
  say "building the broker jars (deploy/local/kafka-broker, Maven Central)"
  (cd "$ROOT" && ./mvnw -B -q -f deploy/local/kafka-broker/pom.xml process-resources) ||
    die "could not build $LIBS"
  compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null || die "no kafka_2.13 jar in $LIBS after the build"
}

write_config() {
  mkdir -p "$DATA"
  cat >"$PROPS" <<EOF
# written by deploy/local/kafka.sh on every start; edit the script, not this file
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA

# one node: every replication factor and min ISR is 1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# small and quick for a 2-core development machine
num.partitions=1
offsets.topic.num.partitions=5
transaction.state.log.num.partitions=5
share.coordinator.state.topic.num.partitions=5
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
background.threads=4
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.hours=72
log.segment.bytes=67108864
EOF
  cat >"$LOG4J" <<EOF
# written by deploy/local/kafka.sh: the broker logs to a file, not to the console
status = warn
name = esscard-local-kafka
appender.file.type = RollingFile
appender.file.name = FILE
appender.file.fileName = $LOG
appender.file.filePattern = $LOG.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 20MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 3
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
logger.network.name = kafka.network.RequestChannel\$
logger.network.level = WARN
EOF
}

format_storage() {
  [[ -f $DATA/meta.properties ]] && return 0
  local uuid
  uuid=$(java -cp "$LIBS/*" -Dlog4j2.configurationFile="$LOG4J" kafka.tools.StorageTool random-uuid 2>>"$CONSOLE" | tail -1)
  [[ -n $uuid ]] || die "StorageTool random-uuid gave nothing (see $CONSOLE)"
  if ! java -cp "$LIBS/*" -Dlog4j2.configurationFile="$LOG4J" kafka.tools.StorageTool \
    format -t "$uuid" -c "$PROPS" >>"$CONSOLE" 2>&1; then
    tail -n 20 "$CONSOLE" >&2
    die "formatting $DATA failed"
  fi
  printf '%s\n' "$uuid" >"$STATE/cluster.id"
  say "formatted $DATA (cluster id $uuid)"
}

cmd_start() {
  local pid
  if pid=$(running_pid); then
    say "already running (pid $pid) at $HOST:$PORT"
    return 0
  fi
  command -v java >/dev/null 2>&1 || die "java is not on PATH (Java 17 needed)"
  local p owner
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_open "$p"; then
      owner=$(port_owner "$p")
      die "port $HOST:$p is already taken${owner:+ by $owner}; stop that process first"
    fi
  done
  build_libs
  mkdir -p "$STATE"
  write_config
  : >"$CONSOLE"
  format_storage

  local t0=$SECONDS
  rm -f "$PID_FILE"
  # own session: a Ctrl-C in the terminal that started it does not reach the broker; the child writes
  # its own pid just before it becomes the JVM, so the pid file names the java process itself
  # shellcheck disable=SC2016 # $$ and $1 belong to the inner bash
  (cd "$STATE" && exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    java "${JAVA_OPTS[@]}" -Djava.awt.headless=true -Dlog4j2.configurationFile="$LOG4J" \
    -Dkafka.logs.dir="$STATE" -cp "$LIBS/*" kafka.Kafka "$PROPS" \
    </dev/null >>"$CONSOLE" 2>&1 &)

  local deadline=$((SECONDS + START_TIMEOUT))
  while [[ ! -s $PID_FILE ]] && ((SECONDS < deadline)); do sleep 0.1; done
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  [[ -n $pid ]] || die "the broker process did not start (see $CONSOLE)"
  while ! port_open "$PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      printf -- '--- %s (last lines)\n' "$CONSOLE" >&2; tail -n 20 "$CONSOLE" >&2 || true
      printf -- '--- %s (last lines)\n' "$LOG" >&2; tail -n 20 "$LOG" >&2 2>/dev/null || true
      die "the broker exited during start-up"
    fi
    if ((SECONDS >= deadline)); then
      printf -- '--- %s (last lines)\n' "$LOG" >&2; tail -n 20 "$LOG" >&2 2>/dev/null || true
      cmd_stop >&2 || true
      die "port $HOST:$PORT did not open within ${START_TIMEOUT}s"
    fi
    sleep 0.2
  done
  say "started (pid $pid) at $HOST:$PORT in $((SECONDS - t0))s; log $LOG"
}

cmd_stop() {
  local pid
  if ! pid=$(running_pid); then
    say "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid still running after ${STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  say "stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    if port_open "$PORT"; then
      say "running (pid $pid) at $HOST:$PORT"
    else
      say "starting (pid $pid), $HOST:$PORT not open yet"
    fi
    return 0
  fi
  say "stopped"
  return 3
}

cmd_logs() {
  [[ -f $LOG ]] || die "no log yet at $LOG"
  if [[ ${1:-} == --no-follow ]]; then
    tail -n 200 "$LOG"
  else
    exec tail -n 100 -F "$LOG"
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) cmd_logs "${2:-}" ;;
  -h | --help | help | "") sed -n '2,13s/^# \{0,1\}//p' "$0" ;;
  *) die "unknown command '$1' (use: start | stop | status | logs)" ;;
esac
