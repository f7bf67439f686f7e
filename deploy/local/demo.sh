#!/usr/bin/env bash
# The seed's main journey (J1) against a running suite, step by step, as the permit authority, the holder's
# app and an exit-entry officer would call it. Run by `./esscard demo` after `./esscard up -d`.
#
# Environment (defaults: the gateway of ./esscard up, which routes every /api path to its service):
#   ESSCARD_GATEWAY_URL       http://127.0.0.1:${ESSCARD_GATEWAY_PORT:-8080}
#   ESSCARD_ACCOUNT_URL, ESSCARD_PERMIT_URL, ESSCARD_NOTIFICATION_URL   one service each (default: the gateway)
#   ESSCARD_DEMO_DIR          where the Notification Letter is saved (default .run/demo)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
GATEWAY=${ESSCARD_GATEWAY_URL:-http://127.0.0.1:${ESSCARD_GATEWAY_PORT:-8080}}
ACCOUNT=${ESSCARD_ACCOUNT_URL:-$GATEWAY}
PERMIT=${ESSCARD_PERMIT_URL:-$GATEWAY}
NOTIFICATION=${ESSCARD_NOTIFICATION_URL:-$GATEWAY}
OUT=${ESSCARD_DEMO_DIR:-$ROOT/.run/demo}

if [[ -t 1 ]]; then
  B=$'\e[1m' G=$'\e[32m' R=$'\e[31m' D=$'\e[2m' N=$'\e[0m'
else
  B='' G='' R='' D='' N=''
fi

T0=$(date +%s%N)
STEP=0
step() {
  STEP=$((STEP + 1))
  printf '\n%s%2d. %s%s %s(%s s)%s\n' "$B" "$STEP" "$1" "$N" "$D" "$(elapsed)" "$N"
}
elapsed() { local ms=$((($(date +%s%N) - T0) / 1000000)); printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)); }
show() { printf '    %s\n' "$@"; }
ok() { printf '    %s✓%s %s\n' "$G" "$N" "$*"; }
die() {
  printf '\n%s✗ %s%s\n' "$R" "$*" "$N" >&2
  exit 1
}

need_jq() {
  command -v jq >/dev/null 2>&1 && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    show "installing jq (one time) to read the JSON answers"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }
  fi
  command -v jq >/dev/null 2>&1 || die "the demo reads JSON with jq: sudo apt-get install -y jq"
}

# the phone's address is what the gateway saw (127.0.0.1 here): the gateway overwrites any X-Forwarded-For a
# client sends, so the demo sends none. Its one failure (the name mismatch) counts against that address.
# call METHOD URL [TOKEN] [JSON]: the answer's status goes to $STATUS, its body to $body
BODY_FILE=$(mktemp)
trap 'rm -f "$BODY_FILE"' EXIT
call() {
  local method=$1 url=$2 token=${3:-} data=${4:-}
  local -a args=(-sS -o "$BODY_FILE" -w '%{http_code}' -X "$method" -H 'Accept-Language: en')
  [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n ${EXTRA_HEADER:-} ]] && args+=(-H "$EXTRA_HEADER")
  [[ -n $data ]] && args+=(-H 'Content-Type: application/json' --data "$data")
  STATUS=$(curl "${args[@]}" "$url") || die "$method $url: no answer (is the suite up? ./esscard up -d)"
  body=$(<"$BODY_FILE")
}
expect() { # expect STATUS WHAT
  [[ $STATUS == "$1" ]] || die "$2: expected HTTP $1, got $STATUS: $(printf '%s' "$body" | head -c 400)"
}

need_jq
mkdir -p "$OUT"
# each service answers through the gateway (which routes /api only, not /q/health): help, and 401 without a token
for probe in "$ACCOUNT/api/help 200" "$PERMIT/api/permits/mine 401" "$NOTIFICATION/api/notifications/inbox 401"; do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "${probe% *}" || true) == "${probe##* }" ]] ||
    die "${probe% *} does not answer: start the suite first with ./esscard up -d"
done

NAME="SMITH JOHN-PAUL"
PERMIT_NO="D$(date +%y%m%d%H%M%S)$((RANDOM % 10))"
PASSWORD='Demo#2026pass'
PIN=258147

step "The permit authority signs in and issues a category B work permit"
call POST "$ACCOUNT/api/accounts/staff/login" "" '{"username":"authority","password":"Authority#2026"}'
expect 200 "staff login"
AUTHORITY=$(jq -r .access_token <<<"$body")
valid_until=$(date -u -d '+1 year' +%F)
call POST "$PERMIT/api/permits" "$AUTHORITY" "$(jq -nc --arg n "$PERMIT_NO" --arg name "$NAME" --arg v "$valid_until" \
  '{permitNumber:$n, holderName:$name, passportNumber:"533380006", nationality:"GBR", employer:"Example Robotics (Shanghai) Co., Ltd.",
    position:"Engineer", workCity:"Shanghai", talentCategory:"B", validUntil:$v}')"
expect 201 "issue the permit"
ok "POST /api/permits → 201: permit $PERMIT_NO for $NAME, category B, valid until $valid_until"
show "PermitIssued goes out through permit-service's outbox to Kafka; account-, identity- and notification-service read it"

step "The holder registers in the app: name exactly as in the passport, permit number, password (R1-R3)"
call POST "$ACCOUNT/api/accounts/registrations" "" "$(jq -nc --arg n "$PERMIT_NO" '{name:"SMITH JOHN PAUL", permitNumber:$n, password:"Demo#2026pass"}')"
for _ in $(seq 1 30); do # account-service may not have read the permit yet (each try counts as a failure)
  [[ $STATUS == 404 ]] || break
  sleep 1
  call POST "$ACCOUNT/api/accounts/registrations" "" "$(jq -nc --arg n "$PERMIT_NO" '{name:"SMITH JOHN PAUL", permitNumber:$n, password:"Demo#2026pass"}')"
done
expect 400 "a name without the hyphen"
ok "\"SMITH JOHN PAUL\" → 400 $(jq -r .code <<<"$body"): $(jq -r .detail <<<"$body" | cut -c1-110)…"
call POST "$ACCOUNT/api/accounts/registrations" "" "$(jq -nc --arg n "$PERMIT_NO" --arg p "$PASSWORD" --arg name "$NAME" '{name:$name, permitNumber:$n, password:$p}')"
expect 202 "register"
ACCOUNT_ID=$(jq -r .accountId <<<"$body")
REGISTRATION_TOKEN=$(jq -r .registrationToken <<<"$body") # only its holder reads the registration
SESSION=$(jq -r '.verifications[] | select(.purpose == "REGISTRATION") | .sessionId' <<<"$body")
ok "\"$NAME\" → 202 PENDING_IDENTITY, account $ACCOUNT_ID; face session $SESSION opened at identity-service"

step "Face recognition passes (R5); the account becomes active"
call POST "$ACCOUNT/api/accounts/verifications/$SESSION/face" "" '{"livenessTicket":"demo-liveness-ticket"}'
expect 200 "face"
ok "face → $(jq -r .status <<<"$body") by $(jq -r .verifiedMethod <<<"$body") (the simulated vendor matched the photo on file)"
for _ in $(seq 1 150); do
  EXTRA_HEADER="X-Registration-Token: $REGISTRATION_TOKEN" call GET "$ACCOUNT/api/accounts/registrations/$ACCOUNT_ID"
  status=$(jq -r .status <<<"$body")
  [[ $status == ACTIVE ]] && break
  sleep 0.2
done
[[ $status == ACTIVE ]] || die "the account did not become active (IdentityVerified on Kafka)"
ok "IdentityVerified reached account-service over Kafka: ACTIVE"

step "The holder logs in with the work permit number (R11)"
call POST "$ACCOUNT/api/accounts/login" "" "$(jq -nc --arg n "$PERMIT_NO" --arg p "$PASSWORD" '{permitNumber:$n, password:$p}')"
expect 200 "login"
TOKEN=$(jq -r .access_token <<<"$body")
ok "POST /api/accounts/login → an access token for $(jq -r .expires_in <<<"$body") s and a refresh token"
call GET "$ACCOUNT/api/accounts/card" "$TOKEN"
expect 200 "card"
ok "GET /api/accounts/card → eSSCard $(jq -r .cardNumber <<<"$body")"

step "Permit services need the 6-digit service PIN (R15)"
call GET "$PERMIT/api/permits/mine" "$TOKEN"
expect 403 "inquiry without the PIN"
ok "inquiry with the login token alone → 403 $(jq -r .code <<<"$body")"
call PUT "$ACCOUNT/api/accounts/pin" "$TOKEN" "$(jq -nc --arg p "$PASSWORD" --arg pin "$PIN" '{password:$p, pin:$pin}')"
expect 204 "set the PIN"
call POST "$ACCOUNT/api/accounts/pin/verification" "$TOKEN" "$(jq -nc --arg pin "$PIN" '{pin:$pin}')"
expect 200 "enter the PIN"
STEP_UP=$(jq -r .access_token <<<"$body")
ok "PIN set, then entered → a step-up token valid $(jq -r .expires_in <<<"$body") s"

step "Inquiry, QR code and Notification Letter (R16-R18)"
call GET "$PERMIT/api/permits/mine" "$STEP_UP"
expect 200 "inquiry"
ok "inquiry → $(jq -r '"\(.permitNumber) \(.holderName), category \(.talentCategory), \(.status) until \(.validUntil), passport \(.passportNumber)"' <<<"$body")"
call GET "$PERMIT/api/permits/mine/qr" "$STEP_UP"
expect 200 "QR"
QR=$(jq -r .text <<<"$body")
ok "QR → ${QR:0:40}… (${#QR} characters, signed ES256, expires $(jq -r .expiresAt <<<"$body"))"
LETTER=$OUT/letter-$PERMIT_NO.pdf
STATUS=$(curl -sS -o "$LETTER" -w '%{http_code}' -H "Authorization: Bearer $STEP_UP" "$PERMIT/api/permits/mine/letter.pdf")
[[ $STATUS == 200 ]] || die "letter: HTTP $STATUS"
ok "letter.pdf → $(wc -c <"$LETTER") bytes, saved as ${LETTER#"$ROOT"/}"

step "An exit-entry officer scans the QR code (R18)"
call POST "$ACCOUNT/api/accounts/staff/login" "" '{"username":"officer","password":"Officer#2026"}'
expect 200 "officer login"
OFFICER=$(jq -r .access_token <<<"$body")
call POST "$PERMIT/api/permits/qr/verifications" "$OFFICER" "$(jq -nc --arg q "$QR" '{qr:$q}')"
expect 200 "verify"
[[ $(jq -r .verdict <<<"$body") == VALID ]] || die "verdict: $body"
ok "verdict VALID: $(jq -r '.permit | "\(.permitNumber) \(.holderName) \(.nationality), category \(.talentCategory), until \(.validUntil)"' <<<"$body")"

step "The permit authority cancels the permit"
call POST "$PERMIT/api/permits/$PERMIT_NO/cancellation" "$AUTHORITY" '{"reason":"Employment ended"}'
expect 200 "cancel"
ok "POST /api/permits/$PERMIT_NO/cancellation → $(jq -r .status <<<"$body")"

step "The holder's inbox shows the cancellation (R19)"
for _ in $(seq 1 150); do
  call GET "$NOTIFICATION/api/notifications/inbox" "$TOKEN"
  [[ $(jq -r '.items[0].kind // empty' <<<"$body") == PERMIT_CANCELLED ]] && break
  sleep 0.2
done
[[ $(jq -r '.items[0].kind // empty' <<<"$body") == PERMIT_CANCELLED ]] || die "no cancellation in the inbox: $body"
ok "$(jq -r '.items[0].title' <<<"$body")"
show "$(jq -r '.items[0].body' <<<"$body" | fold -s -w 100 | sed '2,$s/^/    /')"
show "${D}($(jq -r .unread <<<"$body") unread in the inbox; notification-service also pushes it through the simulated push provider)${N}"

step "Every permit service now refuses (R20), and the old QR fails at the border"
for path in "" /qr /qr.png /letter.pdf; do
  STATUS=$(curl -sS -o "$BODY_FILE" -w '%{http_code}' -H "Authorization: Bearer $STEP_UP" "$PERMIT/api/permits/mine$path")
  [[ $STATUS == 403 ]] || die "/api/permits/mine$path answered $STATUS"
  ok "/api/permits/mine$path → 403 $(jq -r .code <"$BODY_FILE")"
done
call POST "$PERMIT/api/permits/qr/verifications" "$OFFICER" "$(jq -nc --arg q "$QR" '{qr:$q}')"
[[ $(jq -r .verdict <<<"$body") == PERMIT_CANCELLED ]] || die "old QR verdict: $body"
ok "officer scans the QR from before → verdict PERMIT_CANCELLED"
# offline too: ./esscard verify-qr checks the signature and the published status list, as the officers' page does;
# permit-service rebuilds a list at most every 5 s, so the cancellation is in it within that
printf '%s\n' "$QR" >"$OUT/qr.txt"
if command -v node >/dev/null 2>&1 && [[ -d $ROOT/permit-service/src/main/web/node_modules ]]; then
  for _ in $(seq 1 40); do
    OFFLINE=$(node "$ROOT/permit-service/src/main/web/cli.mjs" "$QR" --server "$PERMIT" --json 2>/dev/null || true)
    [[ $(jq -r '.outcome // empty' <<<"$OFFLINE" 2>/dev/null) == CANCELLED ]] && break
    sleep 0.25
  done
  [[ $(jq -r '.outcome // empty' <<<"$OFFLINE" 2>/dev/null) == CANCELLED ]] || die "offline check of the old QR: $OFFLINE"
  ok "the same QR checked offline (./esscard verify-qr: its signature and the published status list) → CANCELLED"
else
  show "${D}(the offline check, ./esscard verify-qr, needs node and the verifier's packages: ./mvnw install builds them)${N}"
fi

printf '\n%sThe journey took %s s across account-, identity-, permit- and notification-service, Kafka and PostgreSQL.%s\n' \
  "$B" "$(elapsed)" "$N"
