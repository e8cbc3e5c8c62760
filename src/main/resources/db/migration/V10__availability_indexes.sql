-- Availability reads, for many resources at once, only where busy events and live appointments are:
-- covering GiST indexes limited to what can block, so the reads are index-only once vacuumed.
create index event_busy_during on event
  using gist (tenant_id, schedule_id, tstzrange(start_utc, end_utc, '[)')) include (id, start_utc, end_utc)
  where status <> 'CANCELLED' and transparency = 'OPAQUE' and recurrence_type <> 'MASTER' and type <> 'WORKING_HOURS';

drop index appointment_resource_time;
create index appointment_live_during on appointment
  using gist (tenant_id, resource_id, block) include (id, place, status, expires_at, event_id)
  where status in ('IN', 'RS', 'BK');
