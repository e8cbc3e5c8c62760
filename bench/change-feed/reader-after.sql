\set tenant random(1, :tenants)
select count(*) from (select sequence from event_after where tenant = :tenant and sequence is not null order by sequence desc limit 100) recent;
