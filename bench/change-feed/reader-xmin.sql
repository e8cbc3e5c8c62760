\set tenant random(1, :tenants)
select count(*) from (select position from event_xmin where tenant = :tenant and xid < pg_snapshot_xmin(pg_current_snapshot())
  order by xid desc, position desc limit 100) recent;
