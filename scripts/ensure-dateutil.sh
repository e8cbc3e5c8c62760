#!/usr/bin/env bash
# Installs Debian's python3-dateutil (and tzdata, for zoneinfo): the third-party recurrence engine
# the dateutil differential test compares Horae's against (issue 19). Idempotent.
set -euo pipefail
if python3 -c 'import dateutil.rrule, zoneinfo; zoneinfo.ZoneInfo("Europe/Berlin")' >/dev/null 2>&1; then
  echo "python3-dateutil present: $(python3 -c 'import dateutil; print(dateutil.__version__)')"; exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3 python3-dateutil tzdata >/dev/null
python3 -c 'import dateutil.rrule, zoneinfo; zoneinfo.ZoneInfo("Europe/Berlin")'
echo "python3-dateutil installed: $(python3 -c 'import dateutil; print(dateutil.__version__)')"
