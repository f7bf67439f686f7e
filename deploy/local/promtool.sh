#!/usr/bin/env bash
# promtool, Prometheus' rule checker, for the chart tests (deploy/helm-tests: `promtool check rules` and
# `promtool test rules` on deploy/helm/esscard/files/alerts.yaml).
#
#   deploy/local/promtool.sh ensure   print promtool's path; install Debian's prometheus package with apt-get when
#                                     it is missing (as root; the package's own server is never started), else fail
#                                     saying how to install it
#
# ESSCARD_PROMTOOL points at another promtool.
set -euo pipefail

PROMTOOL=${ESSCARD_PROMTOOL:-/usr/bin/promtool}

say() { printf 'promtool: %s\n' "$*" >&2; }
die() { printf 'promtool: %s\n' "$*" >&2; exit 1; }

ensure() {
  if [[ -x $PROMTOOL ]]; then
    printf '%s\n' "$PROMTOOL"
    return 0
  fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "promtool is not installed ($PROMTOOL); install it once: sudo apt-get update && sudo apt-get install -y prometheus"
  fi
  say "promtool is not installed: installing Debian's prometheus package with apt-get (one time)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  # policy-rc.d 101: the package must not start the system's Prometheus server (port 9090, /etc/prometheus)
  local policy=/usr/sbin/policy-rc.d created=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null \
    || { $created && rm -f "$policy"; die "apt-get could not install prometheus"; }
  $created && rm -f "$policy"
  [[ -x $PROMTOOL ]] || die "apt-get installed prometheus but $PROMTOOL is missing"
  printf '%s\n' "$PROMTOOL"
}

case ${1:-} in
  ensure) ensure ;;
  *) die "usage: deploy/local/promtool.sh ensure" ;;
esac
