#!/usr/bin/env bash
# The whole test suite: unit tests, then every integration test twice, on the embedded PostgreSQL
# and on the PostgreSQL server at 127.0.0.1:5432, with a Radicale CalDAV server at 127.0.0.1:5232
# (both installed and started here when missing), Debian's Chromium for the console's browser tests and
# Debian's haproxy for the cluster tests, Debian's python3-dateutil as a second recurrence oracle, and
# Debian's vdirsyncer, khal and python3-caldav as CalDAV and feed clients.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-postgres.sh
bash scripts/ensure-radicale.sh 5232
bash scripts/ensure-chromium.sh
bash scripts/ensure-haproxy.sh
bash scripts/ensure-spectral.sh
bash scripts/ensure-dateutil.sh
bash scripts/ensure-dav-clients.sh
exec ./mvnw -B verify -Pserver-postgres "$@"
