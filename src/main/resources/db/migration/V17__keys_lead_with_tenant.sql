-- Every primary key, unique constraint and exclusion constraint of tenant data leads with tenant_id, so the schema
-- can be distributed by tenant (e.g. Citus, distribution column tenant_id) without changing a key. The global tables
-- (tenant, api_key, admin_credential, rate_limit_bucket, scheduled_tasks, spring_session*) stay as they are: they are
-- looked up before a tenant is known and would be reference tables. TenantKeysTest checks the catalogue.
-- Old nodes must be stopped first: they insert webhook attempts without a tenant.

-- Webhook attempts name their tenant; they hang off their delivery by (tenant_id, id).
alter table webhook_attempt add column tenant_id uuid;
update webhook_attempt a set tenant_id = d.tenant_id from webhook_delivery d where d.id = a.delivery_id;
alter table webhook_attempt alter column tenant_id set not null;
alter table webhook_attempt drop constraint webhook_attempt_delivery_id_fkey;

alter table webhook_delivery drop constraint webhook_delivery_pkey, add primary key (tenant_id, id);
drop index webhook_delivery_once;
create unique index webhook_delivery_once on webhook_delivery (tenant_id, event_id, webhook_id) where replay_of is null;
drop index webhook_delivery_entity;
create index webhook_delivery_entity on webhook_delivery (tenant_id, webhook_id, entity_id, sequence) where status = 'PENDING';

alter table webhook_attempt drop constraint webhook_attempt_pkey, add primary key (tenant_id, id),
  add foreign key (tenant_id, delivery_id) references webhook_delivery (tenant_id, id) on delete cascade;
drop index webhook_attempt_delivery;
create index webhook_attempt_delivery on webhook_attempt (tenant_id, delivery_id, attempted_at);

alter table webhook_secret drop constraint webhook_secret_pkey, add primary key (tenant_id, id);

-- A change's id is unique within its tenant.
alter table domain_event drop constraint domain_event_id_key, add constraint domain_event_id_key unique (tenant_id, id);

alter table external_busy drop constraint external_busy_pkey, add primary key (tenant_id, id);

-- The OAuth state parameter and push channel tokens now name their tenant, so these rows are found by their key.
alter table oauth_state drop constraint oauth_state_pkey, add primary key (tenant_id, id);
alter table push_channel drop constraint push_channel_pkey, add primary key (tenant_id, id);
create index push_channel_resource on push_channel (tenant_id, resource_id);
