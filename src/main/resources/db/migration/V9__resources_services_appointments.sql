-- OnSched's side (issue 7), mapped onto the core: a resource owns one Calendar V3 schedule (its
-- internal busy events live there, and its Google/Outlook calendar is an ordinary connection of that
-- schedule); services describe what is booked; appointments hold capacity.

create table service (
  tenant_id        uuid not null,
  id               uuid not null,
  name             text not null,
  description      text,
  duration_min     integer not null check (duration_min between 1 and 1440),
  interval_min     integer not null check (interval_min between 1 and 1440),
  buffer_before_min integer not null default 0 check (buffer_before_min between 0 and 1440),
  buffer_after_min  integer not null default 0 check (buffer_after_min between 0 and 1440),
  minimum_notice_min integer not null default 0 check (minimum_notice_min >= 0),
  horizon_days     integer not null default 365 check (horizon_days between 1 and 3650),
  capacity         integer not null default 1 check (capacity between 1 and 1000),
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (tenant_id, id)
);

create table resource (
  tenant_id        uuid not null,
  id               uuid not null,
  schedule_id      uuid not null,
  name             text not null,
  email            text,
  description      text,
  time_zone        text not null,
  availability     jsonb not null,     -- {sun..sat: {startTime, endTime}} in HHmm, the resource's zone
  date_overrides   jsonb not null,     -- [{date, startTime, endTime}], both 0 = closed that day
  options          jsonb not null,     -- calendarAvailability, googleCalendarId, outlookCalendarId, ...
  service_ids      uuid[] not null,    -- empty: every service
  deleted_at       timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, schedule_id),
  foreign key (tenant_id, schedule_id) references schedule (tenant_id, id)
);

-- A booking takes one of the service's `capacity` places of its resource for its block (the
-- appointment with its buffers). Two live appointments may never hold the same place at overlapping
-- times: the database refuses it, so no race between two bookings of the last place can win twice.
create table appointment (
  tenant_id        uuid not null,
  id               uuid not null,
  resource_id      uuid not null,
  service_id       uuid not null,
  status           text not null check (status in ('IN', 'RS', 'BK', 'CN', 'RE')),
  start_utc        timestamptz not null,
  end_utc          timestamptz not null,
  block            tstzrange not null,
  place            integer not null check (place >= 1),
  expires_at       timestamptz,
  time_zone        text,
  name             text,
  email            text,
  phone            text,
  notes            text,
  customer_message text,
  event_id         text,
  rescheduled_id   uuid,
  audit            jsonb not null default '[]',
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, resource_id) references resource (tenant_id, id),
  foreign key (tenant_id, service_id) references service (tenant_id, id),
  constraint appointment_no_double_booking exclude using gist
    (tenant_id with =, resource_id with =, place with =, block with &&) where (status in ('IN', 'RS', 'BK'))
);
create index appointment_resource_time on appointment using gist (tenant_id, resource_id, block) where status in ('IN', 'RS', 'BK');
create index appointment_event on appointment (tenant_id, event_id) where event_id is not null;

-- Connect By OAuth started for a resource carries the sync config its connection starts with.
alter table oauth_state add column sync_config jsonb;
create index external_busy_connection_time on external_busy (tenant_id, connection_id, start_utc);
