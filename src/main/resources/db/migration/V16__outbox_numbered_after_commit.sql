-- The outbox is numbered after commit (issue 15): a change goes in with no sequence, in its writer's transaction,
-- and a short transaction after the commit (or any node's sweep, at the latest a second later) gives the tenant's
-- committed, unnumbered changes the next numbers, in one step that holds the tenant's counter row only for itself.
-- Readers read numbered changes only, so a cursor never passes a change that commits later, and every reader sees
-- one order; but writers of one tenant no longer queue on the counter row for the rest of their transactions.
alter table domain_event add column position bigserial;
alter table domain_event drop constraint domain_event_pkey;
alter table domain_event alter column sequence drop not null;
alter table domain_event add primary key (tenant_id, position);
create unique index domain_event_sequence on domain_event (tenant_id, sequence);
create index domain_event_unnumbered on domain_event (tenant_id, position) where sequence is null;
