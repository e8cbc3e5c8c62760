\set tenant random(1, :tenants)
begin;
insert into work (tenant, payload) values (:tenant, repeat('e', 300));
insert into event_xmin (tenant, payload) values (:tenant, repeat('p', 300));
insert into work (tenant, payload) values (:tenant, repeat('v', 300));
select count(*) from work where id = currval('work_id_seq');
commit;
