-- One sync per connection, whoever asks for it. sync_started_at: when the running (or last) sync took its lease.
-- sync_requested_at: when a push notification or a manual sync that joined a running one last asked for a sync; a
-- request that arrives after the running sync started makes the connection due again as soon as it ends, so no
-- change is missed and no second sync runs beside the first.
alter table connection add column sync_started_at timestamptz, add column sync_requested_at timestamptz;

-- The dedicated export calendar is claimed before it is created: the claim names it (a CalDAV collection URL derived
-- from the connection id, or the calendar name an OAuth provider lists), so a creation retried after a crash or a lost
-- lease finds the calendar the first attempt made instead of making a second one.
alter table connection add column export_calendar_claim text;

-- Cluster-wide slots for a provider's per-account concurrency limit (Microsoft Graph: 4 concurrent requests per
-- mailbox). A request holds one slot row for its duration; a slot whose lease ran out (its node died) is free again.
create table provider_slot (
  provider text not null,
  account_key text not null,
  slot int not null,
  holder text not null,
  lease_until timestamptz not null,
  primary key (provider, account_key, slot)
);
