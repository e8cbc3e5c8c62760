#!/usr/bin/env bash
# How the change feed's numbering limits write throughput (issue 15): pgbench on the PostgreSQL server
# (127.0.0.1:5432, database test, a scratch schema bench_feed), 8 clients, each transaction an entity write,
# the outbox write and two more statements, as Horae's writes are. Three designs:
#   counter  the per-tenant counter row locked from the outbox insert to commit (before issue 15)
#   after    rows inserted unnumbered; after commit, a short transaction numbers the tenant's committed rows
#   xmin     rows carry their transaction id; readers only read below pg_snapshot_xmin (no numbering at all)
# Each runs with all 8 clients on one tenant and on 8 tenants. Usage: bench/change-feed.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/change-feed"
SECONDS_EACH=${1:-20}
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=test PGOPTIONS="-c search_path=bench_feed"
psql -q -v ON_ERROR_STOP=1 -f schema.sql >/dev/null
printf '%-8s %8s %10s %10s\n' design tenants tps 'lat ms'
for design in counter after xmin; do
  for tenants in 1 8; do
    psql -q -c "truncate work, tenant_sequence, event_counter, tenant_sequence_a, event_after, event_xmin" >/dev/null
    out=$("$PGBENCH" -n -c 8 -j 2 -T "$SECONDS_EACH" -D tenants="$tenants" -f "$design.sql" 2>&1)
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out")
    lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
    printf '%-8s %8s %10s %10s\n' "$design" "$tenants" "$tps" "$lat"
  done
done
# every committed row of the after-commit design got a number, gapless per tenant
psql -At -c "select 'after: unnumbered rows left ' || count(*) filter (where sequence is null) || ', tenants with gaps '
  || (select count(*) from (select tenant from event_after where sequence is not null group by tenant having max(sequence) <> count(*)) g)
  from event_after" || true
