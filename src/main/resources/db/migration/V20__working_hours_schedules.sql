-- Working hours are Calendar V3 WORKING_HOURS events (issue 18): a resource's hours are the
-- occurrences of the WORKING_HOURS events of its working-hours schedule. That is its own schedule
-- once it has hours of its own, any schedule Resources V2 assigns, or (null) the tenant's business
-- schedule, the one with externalId 4e0579a5-491e-4e70-a872-d097eed6e520.
alter table resource add column working_hours_schedule_id uuid;
-- The weekly hours of a resource made before this migration are still in `availability` until the
-- hours backfill writes them as events (or finds them equal to the business default); while
-- pending, `availability` is the resource's hours. Afterwards the column only keeps a snapshot.
alter table resource add column hours_pending boolean not null default false;
update resource set hours_pending = true;
create index resource_hours_pending on resource (tenant_id, id) where hours_pending;

-- One business schedule per tenant, claimed once (under an advisory lock) with its default hours.
create table business_schedule (
  tenant_id    uuid primary key references tenant (id),
  schedule_id  uuid not null,
  foreign key (tenant_id, schedule_id) references schedule (tenant_id, id)
);

-- Availability reads the open hours of up to hundreds of schedules per request: the live WORKING_HOURS
-- occurrences overlapping a wall-time window, and (for OnSched's weekly view) the live masters.
create index event_working_hours on event
  using gist (tenant_id, schedule_id, tsrange(start_local, end_local, '[)')) include (start_local, end_local)
  where type = 'WORKING_HOURS' and recurrence_type <> 'MASTER' and status <> 'CANCELLED';
create index event_working_hours_masters on event (tenant_id, schedule_id)
  where type = 'WORKING_HOURS' and recurrence_type = 'MASTER' and status <> 'CANCELLED';
