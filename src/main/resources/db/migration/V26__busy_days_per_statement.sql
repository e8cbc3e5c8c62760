-- Issue 22: writing a series (about 52 instances in one multi-row INSERT) ran the busy-day trigger
-- once per row: a PL/pgSQL call and a probe of `resource` for each instance, even in a schedule that
-- no resource has (1.3 ms of the 7 ms a 52-row insert takes, measured alone). Inserts and deletes
-- now run it once per statement over the statement's rows (a transition table): the rows that can
-- block nothing, or whose schedule is no resource's and that name no resource, are left out in one
-- query, and each remaining row is applied exactly as before (busy_event_apply, unchanged).
-- Updates stay per row: a trigger on a column list cannot have a transition table.

create function busy_event_statement() returns trigger language plpgsql as $$
declare
  e event;
begin
  -- the statement's rows: busy_new for an insert, busy_old for a delete
  for e in execute format('select r.* from %I r'
      || ' where r.status <> ''CANCELLED'' and r.recurrence_type <> ''MASTER'' and (r.transparency = ''OPAQUE'' or cardinality(r.resource_ids) > 0)'
      || ' and (cardinality(r.resource_ids) > 0'
      || '      or exists (select 1 from resource x where x.tenant_id = r.tenant_id and x.schedule_id = r.schedule_id))',
      case tg_op when 'INSERT' then 'busy_new' else 'busy_old' end)
  loop
    perform busy_event_apply(e, tg_op = 'INSERT');
  end loop;
  return null;
end $$;

drop trigger resource_busy_insert on event;
drop trigger resource_busy_delete on event;
create trigger resource_busy_insert after insert on event referencing new table as busy_new
  for each statement execute function busy_event_statement();
create trigger resource_busy_delete after delete on event referencing old table as busy_old
  for each statement execute function busy_event_statement();

-- Only events that name a resource are found through resources.id ($hasSome / $hasAll of a
-- non-empty list, whose SQL says so); the many that name none no longer each add an entry to the
-- GIN index's pending list.
drop index event_resource_ids;
create index event_resource_ids on event using gin (resource_ids) where cardinality(resource_ids) > 0;
