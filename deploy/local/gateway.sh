#!/usr/bin/env bash
# Local API gateway for the eSSCard suite: Debian's nginx in front of the four services on one port, routed as
# the chart's Ingress routes them, and the one proxy the services trust for the client address.
#
#   deploy/local/gateway.sh start    install nginx with apt-get when missing (as root), write its configuration
#                                    under .run/gateway/ and start it in the background (its own prefix, pid file
#                                    and logs; never the system's /etc/nginx configuration)
#   deploy/local/gateway.sh stop     stop the nginx this script started (SIGQUIT, 10 s, then SIGKILL)
#   deploy/local/gateway.sh status   one line; exit 0 when running, 3 when stopped
#   deploy/local/gateway.sh logs     follow its error and access logs (--no-follow: print their last 100 lines)
#
# Listens on 127.0.0.1:${ESSCARD_GATEWAY_PORT:-8080}; state in ${ESSCARD_GATEWAY_STATE:-.run/gateway}. It overwrites X-Forwarded-For with the address it saw (never
# appends: Quarkus takes the header's first element), sets X-Forwarded-Proto/-Host/-Port, drops Forwarded and
# X-Real-IP, and answers its own errors (400, 404, 413, 414, 429, 431/494, 502-504) as problem+json in en or zh-CN
# with the platform's codes and messages. Routes, body and rate limits come from deploy/helm/esscard/routes.txt, the
# list the chart's Ingresses are made from too (ESSCARD_ROUTES points elsewhere).
#
#   deploy/local/gateway.sh config   write the configuration only and print its path (deploy/helm-tests compares it
#                                    with the chart's Ingresses)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd -P)
STATE=${ESSCARD_GATEWAY_STATE:-$ROOT/.run/gateway}
CONF=$STATE/nginx.conf
PID_FILE=$STATE/nginx.pid
ERRORS=$STATE/errors
NGINX=${ESSCARD_NGINX:-/usr/sbin/nginx}
HOST=127.0.0.1
PORT=${ESSCARD_GATEWAY_PORT:-8080}
MESSAGES=$ROOT/platform/src/main/resources/org/esscard/platform/messages
START_TIMEOUT=10
STOP_TIMEOUT=10
# the ports of ./esscard up; ESSCARD_GATEWAY_UPSTREAMS="account=8081 identity=8082 ..." points elsewhere (e2e)
declare -A UPSTREAM=([account]=8081 [identity]=8082 [permit]=8083 [notification]=8084)
for pair in ${ESSCARD_GATEWAY_UPSTREAMS:-}; do
  [[ $pair =~ ^(account|identity|permit|notification)=([0-9]+)$ ]] || { printf 'gateway: ESSCARD_GATEWAY_UPSTREAMS: not service=port: %s\n' "$pair" >&2; exit 1; }
  UPSTREAM[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
done
ROUTES=${ESSCARD_ROUTES:-$ROOT/deploy/helm/esscard/routes.txt}
# what unmatched requests may send: the services' own default
BODY_LIMIT=64k

say() { printf 'gateway: %s\n' "$*"; }
die() { printf 'gateway: %s\n' "$*" >&2; exit 1; }

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

is_our_nginx() {
  local pid=$1 cmd
  [[ $pid =~ ^[0-9]+$ ]] && [[ -r /proc/$pid/cmdline ]] || return 1
  cmd=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || return 1
  [[ $cmd == *nginx* && $cmd == *"$CONF"* ]]
}

# pid of our running nginx master, or fail (removes a stale pid file)
running_pid() {
  local pid
  [[ -f $PID_FILE ]] || return 1
  pid=$(<"$PID_FILE")
  if is_our_nginx "$pid"; then
    printf '%s\n' "$pid"
    return 0
  fi
  rm -f "$PID_FILE"
  return 1
}

ensure_nginx() {
  [[ -x $NGINX ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "nginx is not installed ($NGINX); install it once: sudo apt-get update && sudo apt-get install -y nginx-light"
  fi
  say "nginx is not installed: installing Debian's nginx-light with apt-get (one time)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  # policy-rc.d 101: the package must not start the system nginx (it would take port 80 with /etc/nginx)
  local policy=/usr/sbin/policy-rc.d created=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null || { $created && rm -f "$policy"; die "apt-get could not install nginx-light"; }
  $created && rm -f "$policy"
  [[ -x $NGINX ]] || die "apt-get installed nginx-light but $NGINX is missing"
}

# the message of platform error $1 in bundle $2 (messages or messages_zh), {0} replaced by $3
message() {
  local line
  line=$(grep -m1 "^$1=" "$2.properties") || die "no message $1 in $(basename "$2").properties"
  line=${line#*=}
  printf '%s' "${line//\{0\}/${3:-}}"
}

json_string() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }

# one problem document per answer the gateway gives itself, in both languages; 413 once per route class (its limit)
write_errors() {
  local spec status code arg title name lang bundle class
  local specs=("400:400:BAD_REQUEST:Bad Request:" "404:404:NOT_FOUND:Not Found:" "413:413:PAYLOAD_TOO_LARGE:Content Too Large:$(kib "$BODY_LIMIT")"
    "414:414:URI_TOO_LONG:URI Too Long:" "429:429:TOO_MANY_REQUESTS:Too Many Requests:"
    "431:431:HEADERS_TOO_LARGE:Request Header Fields Too Large:" "503:503:SERVICE_UNAVAILABLE:Service Unavailable:")
  for class in "${CLASSES[@]}"; do
    specs+=("413-$class:413:PAYLOAD_TOO_LARGE:Content Too Large:$(kib "${CLASS_BODY[$class]}")")
  done
  mkdir -p "$ERRORS"
  # file:status:code:title:message argument
  for spec in "${specs[@]}"; do
    IFS=: read -r name status code title arg <<<"$spec"
    for lang in en zh; do
      bundle=$MESSAGES
      [[ $lang == zh ]] && bundle=${MESSAGES}_zh
      printf '{"type":"urn:esscard:problem:%s","title":"%s","status":%s,"detail":%s,"code":"%s"}\n' \
        "$code" "$title" "$status" "$(json_string "$(message "$code" "$bundle" "$arg")")" "$code" >"$ERRORS/$name.$lang.json"
    done
  done
}

# an nginx size (64k, 512m, 1g) in KiB, as the services' PAYLOAD_TOO_LARGE message gives it
kib() {
  [[ $1 =~ ^([0-9]+)([kKmMgG])$ ]] || die "routes: not a size: $1 (use 64k, 512m, 1g)"
  case ${BASH_REMATCH[2]} in
    k | K) printf '%s' "${BASH_REMATCH[1]}" ;;
    m | M) printf '%s' $((BASH_REMATCH[1] * 1024)) ;;
    g | G) printf '%s' $((BASH_REMATCH[1] * 1024 * 1024)) ;;
  esac
}

# the route list: "class <name> <rps> <burst multiple> <body> <on|off>" and "route <path> <exact|prefix> <service> <class>"
CLASSES=()
ROUTE_LINES=()
declare -A CLASS_RPS CLASS_BURST CLASS_BODY CLASS_BUFFERING
read_routes() {
  local kind a b c d e rest n=0
  [[ -r $ROUTES ]] || die "no route list at $ROUTES"
  while read -r kind a b c d e rest; do
    n=$((n + 1))
    [[ -z $kind || $kind == \#* ]] && continue
    case $kind in
      class)
        [[ -n $e && -z $rest && $b =~ ^[0-9]+$ && $c =~ ^[0-9]+$ && $e =~ ^(on|off)$ ]] || die "$ROUTES:$n: not 'class <name> <rps> <burst multiple> <body> <on|off>'"
        kib "$d" >/dev/null
        CLASSES+=("$a")
        CLASS_RPS[$a]=$b CLASS_BURST[$a]=$c CLASS_BODY[$a]=$d CLASS_BUFFERING[$a]=$e
        ;;
      route)
        [[ -n $d && -z $e && $a == /api* && $b =~ ^(exact|prefix)$ ]] || die "$ROUTES:$n: not 'route </api/...> <exact|prefix> <service> <class>'"
        [[ -n ${UPSTREAM[$c]+x} ]] || die "$ROUTES:$n: no service '$c'"
        [[ -n ${CLASS_RPS[$d]+x} ]] || die "$ROUTES:$n: class '$d' is not defined above it"
        ROUTE_LINES+=("$a $b $c $d")
        ;;
      *) die "$ROUTES:$n: neither a class nor a route line" ;;
    esac
  done <"$ROUTES"
  ((${#ROUTE_LINES[@]} > 0)) || die "$ROUTES lists no route"
}

# the error pages of one level: nginx inherits error_page only into a level that sets none, so each location
# that names its own 413 names them all
error_pages() {
  local indent=$1 too_large=$2
  printf '%s        error_page 400 /_errors/400.$esscard_lang.json;\n' "$indent"
  printf '%s        error_page 404 /_errors/404.$esscard_lang.json;\n' "$indent"
  printf '%s        error_page 413 /_errors/%s.$esscard_lang.json;\n' "$indent" "$too_large"
  printf '%s        error_page 414 /_errors/414.$esscard_lang.json;\n' "$indent"
  printf '%s        error_page 429 /_errors/429.$esscard_lang.json;\n' "$indent"
  printf '%s        error_page 494 =431 /_errors/431.$esscard_lang.json;\n' "$indent"
  printf '%s        error_page 502 503 504 =503 /_errors/503.$esscard_lang.json;\n' "$indent"
}

# one location of a route: its class's rate, burst, body limit and buffering, then the service
location() {
  local match=$1 path=$2 svc=$3 class=$4
  printf '        location %s %s {\n' "$match" "$path"
  printf '            limit_req zone=%s burst=%s nodelay;\n' "$class" $((CLASS_RPS[$class] * CLASS_BURST[$class]))
  printf '            client_max_body_size %s;\n' "${CLASS_BODY[$class]}"
  if [[ ${CLASS_BUFFERING[$class]} == off ]]; then
    printf '            proxy_request_buffering off;\n'
  fi
  error_pages "    " "413-$class"
  printf '            proxy_pass http://%s;\n' "$svc"
  printf '        }\n'
}

# the locations of every route, in the list's order (nginx takes an exact match first, then the longest ^~ prefix)
routes() {
  local line path match svc class
  for line in "${ROUTE_LINES[@]}"; do
    read -r path match svc class <<<"$line"
    location = "$path" "$svc" "$class"
    if [[ $match == prefix ]]; then
      # Ingress pathType Prefix: the path itself (above) and everything under it
      location '^~' "$path/" "$svc" "$class"
    fi
  done
}

write_config() {
  local svc class
  read_routes
  mkdir -p "$STATE/tmp" "$STATE/logs"
  write_errors
  {
    cat <<EOF
# written by deploy/local/gateway.sh; edits are lost at the next start
worker_processes 1;
daemon off;
pid $PID_FILE;
error_log $STATE/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log $STATE/logs/access.log;
    client_body_temp_path $STATE/tmp/body;
    proxy_temp_path $STATE/tmp/proxy;
    fastcgi_temp_path $STATE/tmp/fastcgi;
    uwsgi_temp_path $STATE/tmp/uwsgi;
    scgi_temp_path $STATE/tmp/scgi;
    server_tokens off;
    default_type application/octet-stream;

    # limits the services enforce too, answered here first with the same problem documents: a request line or
    # one header line over 4 KiB (Vert.x: 4096-byte line), bodies over 64 KiB except the import
    client_header_buffer_size 1k;
    large_client_header_buffers 4 4k;
    client_max_body_size $BODY_LIMIT;

    # the services' language choice, simplified: Chinese when it is the first preference, else English
    map \$http_accept_language \$esscard_lang {
        default en;
        "~*^\\s*zh" zh;
    }
    map \$esscard_lang \$esscard_language_tag {
        default en;
        zh zh-CN;
    }
    # a refused request may try again in a second (the rate refills every 1/rps)
    map \$status \$esscard_retry_after {
        default "";
        429 1;
    }

    # rates per client address, one zone per route class of routes.txt; over a burst, 429 TOO_MANY_REQUESTS
    limit_req_status 429;
    limit_req_log_level warn;
EOF
    for class in "${CLASSES[@]}"; do
      printf '    limit_req_zone $binary_remote_addr zone=%s:10m rate=%sr/s;\n' "$class" "${CLASS_RPS[$class]}"
    done
    for svc in "${!UPSTREAM[@]}"; do
      printf '    upstream %s { server %s:%s; keepalive 16; }\n' "$svc" "$HOST" "${UPSTREAM[$svc]}"
    done
    cat <<EOF

    server {
        listen $HOST:$PORT;

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host \$http_host;
        # the client address is the peer nginx saw, whatever the client claims: overwrite, never append
        proxy_set_header X-Forwarded-For \$remote_addr;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host \$host;
        proxy_set_header X-Forwarded-Port \$server_port;
        proxy_set_header Forwarded "";
        proxy_set_header X-Real-IP "";
        proxy_set_header X-Forwarded-Prefix "";
        # a client's trace context is not continued: it could make every service record (parent-based sampling)
        proxy_set_header traceparent "";
        proxy_set_header tracestate "";
        # the services' own errors are problem+json already and pass unchanged
        proxy_intercept_errors off;

EOF
    error_pages "" 413
    cat <<EOF

        location ^~ /_errors/ {
            internal;
            alias $ERRORS/;
            types { }
            default_type application/problem+json;
            etag off;
            add_header Content-Language \$esscard_language_tag always;
            add_header Retry-After \$esscard_retry_after always;
        }

        # routes.txt, as the chart's Ingresses route it
EOF
    routes
    cat <<EOF
        # nothing else is routed (not /q: health, metrics and Swagger UI stay on the services' own ports)
        location / { return 404; }
    }
}
EOF
  } >"$CONF.tmp"
  mv -f "$CONF.tmp" "$CONF"
}

cmd_start() {
  local pid deadline
  if pid=$(running_pid); then
    say "already running (pid $pid) at http://$HOST:$PORT"
    return 0
  fi
  ensure_nginx
  write_config
  "$NGINX" -t -q -p "$STATE" -c "$CONF" 2>"$STATE/logs/config-test.out" || die "nginx refused its configuration: $(cat "$STATE/logs/config-test.out")"
  if port_open "$PORT"; then
    die "port $PORT is taken; set ESSCARD_GATEWAY_PORT to a free one"
  fi
  # its own session: a Ctrl-C in the caller's terminal reaches the caller, which stops us in order
  (setsid "$NGINX" -p "$STATE" -c "$CONF" </dev/null >>"$STATE/logs/console.out" 2>&1 &)
  deadline=$((SECONDS + START_TIMEOUT))
  until port_open "$PORT"; do
    ((SECONDS < deadline)) || die "nginx did not listen on $HOST:$PORT within ${START_TIMEOUT}s (see $STATE/logs/)"
    sleep 0.1
  done
  pid=$(running_pid) || die "nginx listens on $PORT but wrote no pid file $PID_FILE"
  say "started nginx (pid $pid) at http://$HOST:$PORT"
}

cmd_stop() {
  local pid deadline
  if ! pid=$(running_pid); then
    say "not running"
    return 0
  fi
  kill -QUIT "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after ${STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  say "stopped nginx (pid $pid)"
}

cmd_status() {
  local pid
  if pid=$(running_pid); then
    say "running (pid $pid) at http://$HOST:$PORT"
    return 0
  fi
  say "stopped"
  return 3
}

cmd_logs() {
  mkdir -p "$STATE/logs"
  touch "$STATE/logs/error.log" "$STATE/logs/access.log"
  if [[ ${1:-} == --no-follow ]]; then
    tail -n 100 "$STATE/logs/error.log" "$STATE/logs/access.log"
  else
    exec tail -n 100 -F "$STATE/logs/error.log" "$STATE/logs/access.log"
  fi
}

case "${1:-}" in
  config)
    write_config
    printf '%s\n' "$CONF"
    ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  logs) cmd_logs "${2:-}" ;;
  pid) running_pid ;;
  -h | --help | help | "") sed -n '2,15s/^# \{0,1\}//p' "$0" ;;
  *) die "unknown command '$1' (use: start | stop | status | logs | config)" ;;
esac
