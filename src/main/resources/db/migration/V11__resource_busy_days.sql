-- Availability reads the busy events of many resources over many days. Reading the event rows
-- themselves costs about a microsecond a row in PostgreSQL alone; this table keeps, for schedules
-- that belong to resources only, each UTC day's busy events as two arrays (epoch seconds), so a
-- question over 50 resources and 30 days reads 1,500 small rows instead of every event. Row
-- triggers on event keep it exact in the writing transaction; other schedules pay one index probe
-- per written row. An event is listed on every day it touches. Horae's own appointment events (extended
-- field appointmentId) are left out: their appointments count instead. `busy` packs each event as
-- two big-endian int4: its start and end in seconds from the day's UTC midnight (either may fall
-- outside the day) — bytes travel far cheaper than arrays of numbers turned into text.
create table resource_busy_day (
  tenant_id    uuid not null,
  schedule_id  uuid not null,
  day          date not null,
  busy         bytea not null,
  primary key (tenant_id, schedule_id, day)
);

create function refresh_resource_busy(t uuid, s uuid, first_day date, last_day date) returns void language plpgsql as $$
begin
  delete from resource_busy_day where tenant_id = t and schedule_id = s and day between first_day and last_day;
  insert into resource_busy_day (tenant_id, schedule_id, day, busy)
  select t, s, d.day, string_agg(int4send((extract(epoch from e.start_utc) - extract(epoch from d.day::timestamp at time zone 'UTC'))::int4)
         || int4send((extract(epoch from e.end_utc) - extract(epoch from d.day::timestamp at time zone 'UTC'))::int4), ''::bytea order by e.start_utc, e.id)
  from (select g::date as day from generate_series(first_day, last_day, interval '1 day') g) d
  join event e on e.tenant_id = t and e.schedule_id = s
   and tstzrange(e.start_utc, e.end_utc, '[)') && tstzrange(d.day::timestamp at time zone 'UTC', (d.day + 1)::timestamp at time zone 'UTC', '[)')
  where e.status <> 'CANCELLED' and e.transparency = 'OPAQUE' and e.recurrence_type <> 'MASTER' and e.type <> 'WORKING_HOURS'
    and (e.extended_fields ->> 'appointmentId') is null
  group by d.day;
end $$;

-- Row triggers: a statement trigger with transition tables cost every event write ~20% (measured),
-- resource or not; a row trigger costs a schedule without a resource one index probe per row.
create function refresh_resource_busy_row() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE')
     and exists (select 1 from resource r where r.tenant_id = new.tenant_id and r.schedule_id = new.schedule_id) then
    perform refresh_resource_busy(new.tenant_id, new.schedule_id, (new.start_utc at time zone 'UTC')::date,
      (greatest(new.end_utc - interval '1 microsecond', new.start_utc) at time zone 'UTC')::date);
  end if;
  if tg_op in ('DELETE', 'UPDATE')
     and exists (select 1 from resource r where r.tenant_id = old.tenant_id and r.schedule_id = old.schedule_id) then
    perform refresh_resource_busy(old.tenant_id, old.schedule_id, (old.start_utc at time zone 'UTC')::date,
      (greatest(old.end_utc - interval '1 microsecond', old.start_utc) at time zone 'UTC')::date);
  end if;
  return null;
end $$;

create trigger resource_busy after insert or delete on event for each row execute function refresh_resource_busy_row();
create trigger resource_busy_change after update of schedule_id, start_utc, end_utc, status, transparency, recurrence_type, type, extended_fields
  on event for each row execute function refresh_resource_busy_row();

-- what exists already
select refresh_resource_busy(r.tenant_id, r.schedule_id, x.first_day, x.last_day)
from resource r
join (select tenant_id, schedule_id, min((start_utc at time zone 'UTC')::date) as first_day, max((end_utc at time zone 'UTC')::date) as last_day
      from event group by tenant_id, schedule_id) x on x.tenant_id = r.tenant_id and x.schedule_id = r.schedule_id;
