\set tenant random(1, :tenants)
begin;
insert into work (tenant, payload) values (:tenant, repeat('e', 300));
insert into tenant_sequence (tenant, last_value) values (:tenant, 1) on conflict (tenant) do update set last_value = tenant_sequence.last_value + 1 returning last_value \gset
insert into event_counter (tenant, sequence, payload) values (:tenant, :last_value, repeat('p', 300));
insert into work (tenant, payload) values (:tenant, repeat('v', 300));
select count(*) from work where id = currval('work_id_seq');
commit;
