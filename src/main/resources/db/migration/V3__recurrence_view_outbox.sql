-- Recurring events: an INSTANCE or EXCEPTION remembers the occurrence it stands for (its
-- RECURRENCE-ID: the wall-time start the rule named), so re-materialising never duplicates it and a
-- changed rule can tell which exceptions still belong to the series.
alter table event add column original_start_local timestamp;
create unique index event_occurrence on event (tenant_id, recurring_event_id, original_start_local)
  where recurring_event_id is not null;
create index event_masters on event (tenant_id, recurrence_type) where recurrence_type = 'MASTER' and status <> 'CANCELLED';

-- The events view of each tenant: every occurrence is materialised up to end_date.
create table events_view (
  tenant_id    uuid primary key references tenant (id),
  end_date     timestamptz not null,
  future_days  integer not null,
  updated_at   timestamptz not null
);

-- The outbox: domain events, written in the transaction of the change. The per-tenant counter row
-- is updated in that transaction too, so a tenant's events commit in sequence order.
create table tenant_sequence (
  tenant_id  uuid primary key references tenant (id),
  last_value bigint not null
);

create table domain_event (
  tenant_id        uuid not null references tenant (id),
  sequence         bigint not null,
  id               uuid not null unique,
  entity_fqdn      text not null,
  slug             text not null,
  entity_id        text not null,
  entity_revision  bigint,
  payload          jsonb not null,
  occurred_at      timestamptz not null,
  primary key (tenant_id, sequence)
);

-- db-scheduler (cluster-safe jobs, e.g. moving the events view forward every day).
create table scheduled_tasks (
  task_name             text not null,
  task_instance         text not null,
  task_data             bytea,
  execution_time        timestamptz not null,
  picked                boolean not null,
  picked_by             text,
  last_success          timestamptz,
  last_failure          timestamptz,
  consecutive_failures  integer,
  last_heartbeat        timestamptz,
  version               bigint not null,
  priority              smallint,
  primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);
