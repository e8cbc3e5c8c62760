-- Webhook subscriptions. last_sequence is how far the outbox has been fanned out to this endpoint.
create table webhook (
  tenant_id        uuid not null references tenant (id),
  id               uuid not null,
  url              text not null,
  event_types      text[] not null,
  enabled          boolean not null,
  disabled_reason  text,
  last_sequence    bigint not null,
  revision         bigint not null,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (tenant_id, id)
);

-- Signing secrets, encrypted (AES-256-GCM, see SecretBox); several may be active during a rotation.
create table webhook_secret (
  id          uuid primary key,
  tenant_id   uuid not null,
  webhook_id  uuid not null,
  secret      text not null,
  created_at  timestamptz not null,
  expires_at  timestamptz,
  foreign key (tenant_id, webhook_id) references webhook (tenant_id, id) on delete cascade
);

-- One delivery of one outbox change to one endpoint; its id is stable across retries and replays
-- use a new delivery of the same change (same webhook-id header: the change's id).
create table webhook_delivery (
  id               uuid primary key,
  tenant_id        uuid not null,
  webhook_id       uuid not null,
  event_id         uuid not null,
  sequence         bigint not null,
  entity_id        text not null,
  status           text not null,
  attempts         integer not null,
  next_attempt_at  timestamptz,
  created_at       timestamptz not null,
  delivered_at     timestamptz,
  replay_of        uuid,
  foreign key (tenant_id, webhook_id) references webhook (tenant_id, id) on delete cascade
);
-- (event_id first: the index must not look useful for "pending deliveries of this webhook" lookups)
create unique index webhook_delivery_once on webhook_delivery (event_id, webhook_id) where replay_of is null;
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_entity on webhook_delivery (webhook_id, entity_id, sequence) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (tenant_id, webhook_id, created_at desc);

-- Every attempt, for the delivery log.
create table webhook_attempt (
  id                uuid primary key,
  delivery_id       uuid not null references webhook_delivery (id) on delete cascade,
  attempted_at      timestamptz not null,
  status_code       integer,
  error             text,
  latency_ms        integer not null,
  response_excerpt  text
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, attempted_at);
