-- External calendar connections (Bookings External Calendars v2). Credentials are sealed by
-- SecretBox (AES-256-GCM), bound to tenant and connection; disconnecting wipes them.
create table connection (
  tenant_id               uuid not null references tenant (id),
  id                      uuid not null,
  provider_id             text not null,
  calendar_type           text not null,
  schedule_id             uuid not null,
  user_id                 text,
  app_id                  text,
  external_account_email  text,
  username                text not null,
  status                  text not null,
  error_reason            text not null,
  sync_config             jsonb not null,
  server_url              text,
  principal_url           text,
  calendar_home_url       text,
  credentials             text,
  created_at              timestamptz not null,
  updated_at              timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, schedule_id) references schedule (tenant_id, id)
);
create index connection_schedule on connection (tenant_id, schedule_id);
