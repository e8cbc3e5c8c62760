-- Query Events asks "which events of this schedule overlap [from, to)?". A b-tree on start_utc bounds
-- that scan only from above, so a week late in a busy calendar read every earlier event. A GiST index
-- over the event's time range answers the overlap directly. btree_gist (a trusted contrib extension in
-- Debian's and zonky's PostgreSQL) lets the tenant and schedule ids share that index; the availability
-- feature's exclusion constraints will need it too.
create extension if not exists btree_gist;

create index event_schedule_during on event
  using gist (tenant_id, schedule_id, tstzrange(start_utc, end_utc, '[)'));
