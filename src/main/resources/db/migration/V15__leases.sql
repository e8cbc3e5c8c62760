-- Leases that follow their holder (HORAE_LEASE, 15 s by default, renewed by the holder's heartbeat every
-- HORAE_LEASE_HEARTBEAT while it works, released when it finishes or shuts down). A node that dies stops renewing,
-- and its work is taken by another node once the lease has run out.

-- A connection's sync: who runs it and until when that stays theirs.
alter table connection add column sync_holder text, add column sync_lease_until timestamptz;
create index connection_sync_lease on connection (sync_holder) where sync_holder is not null;

-- A webhook send: the node sending it and until when. next_attempt_at stays the one condition for a claim (a
-- claim moves it to the lease's end, a heartbeat with it).
alter table webhook_delivery add column leased_by text, add column lease_until timestamptz;
create index webhook_delivery_lease on webhook_delivery (leased_by) where leased_by is not null;

-- Every attempt is logged when it is claimed, so one that dies with its node is still in the log: IN_FLIGHT while it
-- is sent, then RESPONDED (an HTTP status), FAILED (no answer: refused, timed out, unreachable) or ABANDONED (its
-- node stopped before recording the answer; the lease ran out). node: which node sent it.
alter table webhook_attempt add column outcome text, add column node text;
update webhook_attempt set outcome = case when status_code is not null then 'RESPONDED' else 'FAILED' end;
alter table webhook_attempt alter column outcome set not null,
  add constraint webhook_attempt_outcome check (outcome in ('IN_FLIGHT', 'RESPONDED', 'FAILED', 'ABANDONED'));
