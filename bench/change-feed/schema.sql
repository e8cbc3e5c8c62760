-- Three ways to number a tenant's outbox so that a change feed never skips a late commit (bench/change-feed.sh).
drop schema if exists bench_feed cascade;
create schema bench_feed;
set search_path = bench_feed;
create table work (id bigserial primary key, tenant int not null, payload text not null);
-- counter: the per-tenant row locked from the outbox insert to commit (Horae before issue 15)
create table tenant_sequence (tenant int primary key, last_value bigint not null);
create table event_counter (tenant int not null, sequence bigint not null, payload text not null, primary key (tenant, sequence));
-- after-commit numbering: rows go in unnumbered; after commit the writer (or any node's sweep) numbers what is committed
create table tenant_sequence_a (tenant int primary key, last_value bigint not null);
create table event_after (position bigserial primary key, tenant int not null, sequence bigint, payload text not null);
create unique index event_after_sequence on event_after (tenant, sequence);
create index event_after_unnumbered on event_after (tenant, position) where sequence is null;
-- snapshot xmin: rows carry their transaction id; readers read only below the oldest running transaction
create table event_xmin (position bigserial primary key, tenant int not null, xid xid8 not null default pg_current_xact_id(),
  payload text not null);
create index event_xmin_feed on event_xmin (tenant, xid, position);
