#!/usr/bin/env bash
# Installs Debian's Chromium and its ChromeDriver for the web console's end-to-end tests
# (/usr/bin/chromium, /usr/bin/chromedriver). Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium and chromedriver present: $(/usr/bin/chromedriver --version | head -1)"; exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromedriver --version | head -1
