-- Import state: the calendar objects seen (by href and ETag) and the busy time they hold inside
-- the sync window, expanded by Horae's recurrence engine.
alter table connection add column last_sync_at timestamptz;
alter table connection add column last_success_at timestamptz;

create table external_resource (
  tenant_id      uuid not null,
  connection_id  uuid not null,
  calendar_id    text not null,
  href           text not null,
  etag           text,
  primary key (tenant_id, connection_id, href),
  foreign key (tenant_id, connection_id) references connection (tenant_id, id) on delete cascade
);

create table external_busy (
  id             bigint generated always as identity primary key,
  tenant_id      uuid not null,
  connection_id  uuid not null,
  schedule_id    uuid not null,
  calendar_id    text not null,
  calendar_name  text,
  href           text not null,
  title          text,
  start_utc      timestamptz not null,
  end_utc        timestamptz not null,
  all_day        boolean not null,
  foreign key (tenant_id, connection_id) references connection (tenant_id, id) on delete cascade
);
create index external_busy_window on external_busy (tenant_id, schedule_id, start_utc);
create index external_busy_resource on external_busy (tenant_id, connection_id, href);

-- RFC 6578 sync tokens, per imported calendar.
create table connection_calendar_sync (
  tenant_id      uuid not null,
  connection_id  uuid not null,
  calendar_id    text not null,
  sync_token     text,
  primary key (tenant_id, connection_id, calendar_id),
  foreign key (tenant_id, connection_id) references connection (tenant_id, id) on delete cascade
);

-- Export: where a connection's schedule is written, and what has been written there.
alter table connection add column export_calendar_url text;

create table exported_event (
  tenant_id      uuid not null,
  connection_id  uuid not null,
  event_id       text not null,
  href           text not null,
  etag           text,
  revision       bigint not null,
  primary key (tenant_id, connection_id, event_id),
  foreign key (tenant_id, connection_id) references connection (tenant_id, id) on delete cascade
);

-- The sync engine's per-connection job: due time (claimed with FOR UPDATE SKIP LOCKED by any node),
-- consecutive failures for the backoff, and the last full reconciliation.
alter table connection add column next_sync_at timestamptz;
alter table connection add column sync_error_count integer not null default 0;
alter table connection add column last_full_sync_at timestamptz;
create index connection_due on connection (next_sync_at) where status <> 'DISCONNECTED';
