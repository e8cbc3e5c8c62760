#!/usr/bin/env bash
# Installs Debian's CalDAV and iCalendar clients the calendar-server tests drive (issue 21): vdirsyncer
# (syncs a feed or a CalDAV calendar to a folder), khal (reads that folder) and python3-caldav. They run
# on Debian's /usr/bin/python3 (a pyenv python3 first on PATH has none of their modules). Idempotent.
set -euo pipefail
present() { [ -x /usr/bin/vdirsyncer ] && [ -x /usr/bin/khal ] && /usr/bin/python3 -c 'import caldav' >/dev/null 2>&1; }
if present; then
  echo "CalDAV clients present: $(/usr/bin/vdirsyncer --version 2>&1 | head -1), khal $(/usr/bin/khal --version 2>&1 | awk '{print $NF}')"; exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends vdirsyncer khal python3-caldav >/dev/null
present
echo "CalDAV clients installed: $(/usr/bin/vdirsyncer --version 2>&1 | head -1)"
