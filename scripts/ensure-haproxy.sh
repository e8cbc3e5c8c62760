#!/usr/bin/env bash
# Installs Debian's haproxy for the cluster tests (three nodes behind a balancer) and for
# docs/operations.md's example. The tests start their own haproxy with a generated configuration;
# the Debian service is not needed and is left stopped. Idempotent.
set -euo pipefail
if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  echo "haproxy present: $(/usr/sbin/haproxy -v 2>/dev/null | head -1)"; exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
# a policy-rc.d that refuses keeps the packaged service from starting (it would listen on a developer's machine);
# one already there (containers have one) is left as it is
OWN_POLICY=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
  OWN_POLICY=yes
fi
status=0
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends haproxy >/dev/null || status=$?
[ -z "$OWN_POLICY" ] || $SUDO rm -f /usr/sbin/policy-rc.d
[ "$status" = 0 ] || exit "$status"
/usr/sbin/haproxy -v | head -1
