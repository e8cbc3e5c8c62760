\set tenant random(1, :tenants)
begin;
insert into work (tenant, payload) values (:tenant, repeat('e', 300));
insert into event_after (tenant, payload) values (:tenant, repeat('p', 300));
insert into work (tenant, payload) values (:tenant, repeat('v', 300));
select count(*) from work where id = currval('work_id_seq');
commit;
-- after commit: number the tenant's committed, unnumbered rows (one short transaction, serialised per tenant on its counter row)
with todo as (select position from event_after where tenant = :tenant and sequence is null order by position for update skip locked),
  n as (select count(*) as n from todo),
  bumped as (insert into tenant_sequence_a (tenant, last_value) select :tenant, n from n where n > 0
    on conflict (tenant) do update set last_value = tenant_sequence_a.last_value + excluded.last_value returning last_value),
  numbered as (select t.position, b.last_value - n.n + row_number() over (order by t.position) as seq from todo t, n, bumped b)
update event_after e set sequence = numbered.seq from numbered where e.position = numbered.position;
