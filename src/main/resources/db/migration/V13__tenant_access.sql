-- Operating many tenants: tenant life cycle and limits, named and scoped API keys that can expire
-- and be revoked, the operator's credential, and the token buckets of the rate limits (Bucket4j).

alter table tenant
  add column external_id text,
  add column status text not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED', 'DELETING')),
  add column revision bigint not null default 1,
  add column updated_at timestamptz,
  -- null: the configured default (HORAE_RATE_LIMIT_*)
  add column key_requests_per_minute integer check (key_requests_per_minute > 0),
  add column tenant_requests_per_minute integer check (tenant_requests_per_minute > 0),
  -- how far the erasure of a DELETING tenant has come: {"tables": n, "done": m, "rows": r, "startedAt": …}
  add column deletion jsonb;
update tenant set updated_at = created_at;
alter table tenant alter column updated_at set not null;
create unique index tenant_external_id on tenant (external_id) where external_id is not null;
create index tenant_created on tenant (created_at, id);

-- Keys made before this version keep working: they get an id, the name "default" and all scopes (null).
alter table api_key
  add column id uuid,
  add column name text,
  add column prefix text,
  add column scopes text[],
  add column expires_at timestamptz,
  -- the moment the key stops working: now for a revocation, later for a rotation's overlap
  add column revoked_at timestamptz,
  add column last_used_at timestamptz,
  add column created_by uuid;
update api_key set id = gen_random_uuid(), name = 'default', prefix = 'hk_…';
alter table api_key
  alter column id set not null,
  alter column name set not null,
  alter column prefix set not null;
create unique index api_key_id on api_key (tenant_id, id);
drop index api_key_tenant;
create index api_key_tenant on api_key (tenant_id, created_at, id);

-- The operator's key (HORAE_ADMIN_API_KEY, or generated and printed once): only its hash is kept.
create table admin_credential (
  id          smallint primary key check (id = 1),
  key_hash    text not null,
  source      text not null check (source in ('CONFIGURED', 'GENERATED')),
  created_at  timestamptz not null
);

-- Token buckets shared by all nodes (Bucket4j's PostgreSQL select-for-update store); ids are
-- "key:<uuid>", "tenant:<uuid>" and "address:<ip>"; expired buckets are removed in the background.
create table rate_limit_bucket (
  id          text primary key,
  state       bytea,
  expires_at  bigint
);
