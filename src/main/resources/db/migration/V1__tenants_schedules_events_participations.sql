-- Every row belongs to a tenant; every primary key starts with tenant_id so no query can cross tenants
-- by accident, and every lookup by id is also a lookup by tenant.

create table tenant (
  id          uuid primary key,
  name        text not null,
  created_at  timestamptz not null
);

-- API keys are stored as SHA-256 of a 256-bit random secret: high entropy, so a slow hash adds nothing.
create table api_key (
  key_hash    text primary key,
  tenant_id   uuid not null references tenant (id) on delete cascade,
  created_at  timestamptz not null
);
create index api_key_tenant on api_key (tenant_id);

create table schedule (
  tenant_id                   uuid not null references tenant (id) on delete cascade,
  id                          uuid not null,
  external_id                 text,
  name                        text,
  status                      text not null,
  time_zone                   text not null,
  business_time_zone_enabled  boolean not null,
  default_title               text,
  default_location            jsonb,
  default_capacity            integer,
  default_conferencing        jsonb,
  app_id                      text,
  permissions                 jsonb,
  extended_fields             jsonb,
  revision                    bigint not null,
  created_at                  timestamptz not null,
  updated_at                  timestamptz not null,
  primary key (tenant_id, id)
);
create index schedule_external_id on schedule (tenant_id, external_id);
create index schedule_app_id on schedule (tenant_id, app_id);

-- One table for every kind of event (NONE now; MASTER, INSTANCE and EXCEPTION with recurrence), so
-- queries and capacity stay one code path. The user's wall time (start_local + time_zone) is the truth;
-- start_utc/end_utc are derived for window queries and sorting.
create table event (
  tenant_id                uuid not null,
  id                       text not null,
  schedule_id              uuid not null,
  external_schedule_id     text,
  app_id                   text,
  type                     text not null,
  status                   text not null,
  title                    text,
  time_zone                text not null,
  start_local              timestamp not null,
  end_local                timestamp not null,
  start_utc                timestamptz not null,
  end_utc                  timestamptz not null,
  all_day                  boolean not null,
  recurrence_type          text not null,
  recurrence_rule          jsonb,
  recurring_event_id       text,
  transparency             text not null,
  location                 jsonb,
  location_type            text,
  location_id              text,
  resources                jsonb not null,
  resource_ids             text[] not null,
  resource_types           text[] not null,
  resource_schedule_ids    text[] not null,
  resource_transparencies  text[] not null,
  total_capacity           integer,
  remaining_capacity       integer,
  participants_total       integer not null,
  participants_pending     integer not null,
  conferencing             jsonb,
  notes                    text,
  inherited_fields         text[] not null,
  permissions              jsonb,
  extended_fields          jsonb,
  revision                 bigint not null,
  created_at               timestamptz not null,
  updated_at               timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, schedule_id) references schedule (tenant_id, id),
  constraint event_end_after_start check (end_utc > start_utc),
  constraint event_capacity_not_negative check (remaining_capacity is null or remaining_capacity >= 0)
);
-- Query Events: one schedule's window, sorted by start (keyset on start_utc, id) ...
create index event_schedule_start on event (tenant_id, schedule_id, start_utc, id);
-- ... all schedules of a tenant, by start or by end descending
create index event_start on event (tenant_id, start_utc, id);
create index event_end on event (tenant_id, end_utc, id);
create index event_external_schedule on event (tenant_id, external_schedule_id, start_utc);
create index event_recurring on event (tenant_id, recurring_event_id) where recurring_event_id is not null;
create index event_resource_ids on event using gin (resource_ids);

create table participation (
  tenant_id       uuid not null,
  id              uuid not null,
  event_id        text,
  schedule_id     uuid,
  external_id     text,
  participant     jsonb not null,
  party_size      integer not null,
  status          text not null,
  app_id          text,
  extended_fields jsonb,
  revision        bigint not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, event_id) references event (tenant_id, id),
  foreign key (tenant_id, schedule_id) references schedule (tenant_id, id),
  constraint participation_one_target check ((event_id is null) <> (schedule_id is null))
);
create index participation_event on participation (tenant_id, event_id);
create index participation_schedule on participation (tenant_id, schedule_id);
create index participation_created on participation (tenant_id, created_at desc, id desc);

-- Idempotent creates: the first request with a key stores its answer; a repeat with the same body gets
-- that answer again; a repeat with another body is refused. Written in the creating transaction.
create table idempotency_key (
  tenant_id     uuid not null references tenant (id) on delete cascade,
  operation     text not null,
  key           text not null,
  request_hash  text not null,
  response      jsonb,
  created_at    timestamptz not null,
  primary key (tenant_id, operation, key)
);
