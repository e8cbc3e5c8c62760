-- Issue 18: one resource model behind OnSched's /setup/v1/resources and Wix Bookings Resources V2,
-- and an event in any schedule that names a resource (transparency OPAQUE) blocking that resource.

-- What Resources V2 adds to a resource: a revision for optimistic updates, its type (set once),
-- the app that owns it, where it is available, custom data.
alter table resource
  add column revision bigint not null default 1,
  add column type_id text,
  add column app_id text,
  add column location_options jsonb,
  add column extended_fields jsonb;
create index resource_type on resource (tenant_id, type_id);
create index resource_created on resource (tenant_id, created_at, id);

-- An event blocks the schedules of the resources it names OPAQUE, beside its own schedule (when that
-- belongs to a resource and the event itself is OPAQUE). Each such block of another schedule is kept
-- here (and a block of its own schedule that comes only from naming its own resource), so explanations ("busy: <event>"), exports to the resource's calendar and every read of its
-- busy time find it by the resource's schedule and time, as they find the schedule's own events.
create table resource_event_block (
  tenant_id    uuid not null,
  schedule_id  uuid not null,   -- the named resource's schedule
  event_id     text not null,
  start_utc    timestamptz not null,
  end_utc      timestamptz not null,
  primary key (tenant_id, event_id, schedule_id)
);
create index resource_event_block_during on resource_event_block
  using gist (tenant_id, schedule_id, tstzrange(start_utc, end_utc, '[)')) include (event_id);

-- The schedules an event blocks: its own (a resource's schedule, the event OPAQUE) and those of the
-- resources it names OPAQUE (looked up by resource id, so a reference whose id is not a resource's,
-- e.g. written before ids were checked, blocks nothing). Each schedule once.
create function busy_event_schedules(e event) returns table (schedule_id uuid, own boolean) language sql stable as $$
  select e.schedule_id, true
  where e.transparency = 'OPAQUE' and exists (select 1 from resource r where r.tenant_id = e.tenant_id and r.schedule_id = e.schedule_id)
  union
  select r.schedule_id, r.schedule_id = e.schedule_id
  from unnest(e.resource_ids, e.resource_transparencies) x(rid, t)
  join resource r on r.tenant_id = e.tenant_id
    and r.id = case when x.rid ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then x.rid::uuid end
  where x.t = 'OPAQUE' and cardinality(e.resource_ids) > 0
$$;

create function busy_event_apply(e event, adding boolean) returns void language plpgsql as $$
declare
  s record;
  seen uuid[] := '{}';
begin
  if e.status = 'CANCELLED' or e.recurrence_type = 'MASTER' or e.type = 'WORKING_HOURS' or (e.extended_fields ->> 'appointmentId') is not null then
    return;
  end if;
  if cardinality(e.resource_ids) = 0 then
    -- the common case, as before: its own schedule only, when that belongs to a resource
    if e.transparency = 'OPAQUE' and exists (select 1 from resource r where r.tenant_id = e.tenant_id and r.schedule_id = e.schedule_id) then
      perform busy_event_days(e.tenant_id, e.schedule_id, e.start_utc, e.end_utc, adding);
    end if;
    return;
  end if;
  for s in select * from busy_event_schedules(e) order by own desc loop
    if s.schedule_id = any(seen) then
      continue;
    end if;
    seen := seen || s.schedule_id;
    perform busy_event_days(e.tenant_id, s.schedule_id, e.start_utc, e.end_utc, adding);
    if s.schedule_id <> e.schedule_id or e.transparency <> 'OPAQUE' then -- the others are found as the schedule's own busy events
      if adding then
        insert into resource_event_block (tenant_id, schedule_id, event_id, start_utc, end_utc)
          values (e.tenant_id, s.schedule_id, e.id, e.start_utc, e.end_utc)
          on conflict (tenant_id, event_id, schedule_id) do update set start_utc = excluded.start_utc, end_utc = excluded.end_utc;
      else
        delete from resource_event_block b where b.tenant_id = e.tenant_id and b.event_id = e.id and b.schedule_id = s.schedule_id;
      end if;
    end if;
  end loop;
end $$;

create or replace function busy_event_row() returns trigger language plpgsql as $$
begin
  if tg_op in ('DELETE', 'UPDATE') then
    perform busy_event_apply(old, false);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform busy_event_apply(new, true);
  end if;
  return null;
end $$;

drop trigger resource_busy_insert on event;
drop trigger resource_busy_delete on event;
drop trigger resource_busy_change on event;
-- WHEN filters rows that can't block anything before any function runs
create trigger resource_busy_insert after insert on event for each row
  when (new.status <> 'CANCELLED' and new.recurrence_type <> 'MASTER' and (new.transparency = 'OPAQUE' or cardinality(new.resource_ids) > 0))
  execute function busy_event_row();
create trigger resource_busy_delete after delete on event for each row
  when (old.status <> 'CANCELLED' and old.recurrence_type <> 'MASTER' and (old.transparency = 'OPAQUE' or cardinality(old.resource_ids) > 0))
  execute function busy_event_row();
create trigger resource_busy_change after update of schedule_id, start_utc, end_utc, status, transparency, recurrence_type, type, extended_fields,
    resource_ids, resource_transparencies
  on event for each row
  when ((old.status <> 'CANCELLED' and old.recurrence_type <> 'MASTER' and (old.transparency = 'OPAQUE' or cardinality(old.resource_ids) > 0))
     or (new.status <> 'CANCELLED' and new.recurrence_type <> 'MASTER' and (new.transparency = 'OPAQUE' or cardinality(new.resource_ids) > 0)))
  execute function busy_event_row();

-- what exists already: references written before this migration were labels; those naming a real
-- resource now block it (the event's own schedule is already counted by V11)
select busy_event_days(e.tenant_id, s.schedule_id, e.start_utc, e.end_utc, true)
from event e cross join lateral busy_event_schedules(e) s
where cardinality(e.resource_ids) > 0 and e.status <> 'CANCELLED' and e.recurrence_type <> 'MASTER' and e.type <> 'WORKING_HOURS'
  and (e.extended_fields ->> 'appointmentId') is null
  and not (e.transparency = 'OPAQUE' and s.schedule_id = e.schedule_id);
insert into resource_event_block (tenant_id, schedule_id, event_id, start_utc, end_utc)
select e.tenant_id, s.schedule_id, e.id, e.start_utc, e.end_utc
from event e cross join lateral busy_event_schedules(e) s
where cardinality(e.resource_ids) > 0 and e.status <> 'CANCELLED' and e.recurrence_type <> 'MASTER' and e.type <> 'WORKING_HOURS'
  and (e.extended_fields ->> 'appointmentId') is null and (s.schedule_id <> e.schedule_id or e.transparency <> 'OPAQUE')
on conflict do nothing;
