-- ICS feeds (issue 21): a schedule's events at a secret URL, for any calendar app to subscribe to. The
-- token is looked up by its SHA-256 and kept sealed (SecretBox) so the URL can be shown again to a
-- key that may read the calendar; rotating replaces both, deleting the row revokes the URL.
create table calendar_feed (
  tenant_id    uuid not null references tenant (id),
  id           uuid not null,
  schedule_id  uuid not null,
  name         text,
  privacy      text not null,
  past_days    integer not null,
  future_days  integer not null,
  token_hash   text not null,
  token_sealed text not null,
  revision     bigint not null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, schedule_id) references schedule (tenant_id, id)
);
-- The token is presented before the tenant is known, so it is found by its hash alone; uniqueness is
-- per tenant (keys lead with tenant_id, ready for distribution), and across tenants a clash of two
-- random 256-bit tokens' hashes is not a case to design for.
create unique index calendar_feed_token on calendar_feed (tenant_id, token_hash);
create index calendar_feed_by_token on calendar_feed (token_hash);
create index calendar_feed_schedule on calendar_feed (tenant_id, schedule_id, created_at);
