-- OAuth providers (Google, Microsoft) hand out events, not calendar objects: a recurring series
-- arrives as a master plus exceptions that change one at a time. Each is kept with its series and
-- its normalised iCalendar text, so a changed exception re-expands the whole series.
alter table external_resource add column series_id text;
alter table external_resource add column payload text;
create index external_resource_series on external_resource (tenant_id, connection_id, series_id) where series_id is not null;

-- Push: Google watch channels and Microsoft Graph subscriptions, one per imported calendar.
-- The token each notification must carry is an HMAC of the channel id, so it is not stored.
create table push_channel (
  id             text primary key,
  tenant_id      uuid not null,
  connection_id  uuid not null,
  calendar_id    text not null,
  resource_id    text,
  expires_at     timestamptz not null,
  created_at     timestamptz not null,
  foreign key (tenant_id, connection_id) references connection (tenant_id, id) on delete cascade
);
create index push_channel_connection on push_channel (tenant_id, connection_id);
