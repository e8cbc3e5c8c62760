-- CalDAV (issue 21): the name (the last segment of its URL) and UID a client gave an event it created
-- over CalDAV. Events made any other way have none: they are served as <event id>.ics with UID
-- <event id>@horae. The row is the claim of the name: a client's PUT inserts it in the same
-- transaction as the event, so two PUTs of one new name create one event. It outlives a DELETE (the
-- event is cancelled, and a sync-collection report still names the old URL as gone); a later PUT of
-- the name points it at the new event.
create table dav_object (
  tenant_id   uuid not null references tenant (id),
  schedule_id uuid not null,
  name        text not null,
  uid         text not null,
  event_id    text not null,
  created_at  timestamptz not null,
  primary key (tenant_id, schedule_id, name),
  foreign key (tenant_id, schedule_id) references schedule (tenant_id, id)
);
create index dav_object_event on dav_object (tenant_id, event_id);
create index dav_object_uid on dav_object (tenant_id, schedule_id, uid);
