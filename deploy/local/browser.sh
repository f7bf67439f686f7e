#!/usr/bin/env bash
# Chromium and the verifier page's npm packages, for the browser tests of the officers' QR verifier
# (permit-service/src/main/web/test/browser-check.mjs, its node test, and the Java end-to-end test that drives it).
#
#   deploy/local/browser.sh ensure   install Debian's chromium (and a CJK font, fonts-wqy-microhei) with apt-get
#                                    when missing (as root), run npm ci in the web directory when its node_modules
#                                    is missing or older than its package-lock.json, then print Chromium's path;
#                                    else fail saying how to install them
#
# ESSCARD_CHROMIUM points at another Chromium (browser-check.mjs reads it too).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd -P)
WEB=$ROOT/permit-service/src/main/web
CHROMIUM=${ESSCARD_CHROMIUM:-/usr/bin/chromium}

say() { printf 'browser: %s\n' "$*" >&2; }
die() { printf 'browser: %s\n' "$*" >&2; exit 1; }

# Chromium, and a CJK font so that the zh-CN page (and its screenshots) shows characters, not boxes
ensure_chromium() {
  local missing=()
  [[ -x $CHROMIUM ]] || missing+=(chromium)
  [[ -n $(fc-list :lang=zh family 2>/dev/null) ]] || missing+=(fonts-wqy-microhei)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing: ${missing[*]} ($CHROMIUM); install once: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  say "installing Debian's ${missing[*]} with apt-get (one time)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get could not install ${missing[*]}"
  [[ -x $CHROMIUM ]] || die "apt-get installed chromium but $CHROMIUM is missing"
}

# npm ci rebuilds node_modules from the committed lock file; a lock file newer than node_modules means it changed
ensure_packages() {
  command -v npm >/dev/null 2>&1 || die "npm is missing (Node.js 20 or later): sudo apt-get install -y nodejs npm"
  if [[ ! -d $WEB/node_modules || $WEB/package-lock.json -nt $WEB/node_modules/.package-lock.json ]]; then
    say "installing the verifier's npm packages (npm ci in ${WEB#"$ROOT"/})"
    (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed in $WEB"
  fi
}

case ${1:-} in
  ensure) ensure_chromium; ensure_packages; printf '%s\n' "$CHROMIUM" ;;
  packages) ensure_packages ;;
  *) die "usage: deploy/local/browser.sh ensure|packages" ;;
esac
