-- The same for live appointments and holds, per resource and UTC day: each packed as four
-- big-endian int4 — block start and end (seconds from the day's UTC midnight), capacity place, and
-- for a hold when it expires (seconds from that midnight; -2147483648 for anything but a hold):
-- readers drop expired holds.
create table appointment_busy_day (
  tenant_id    uuid not null,
  resource_id  uuid not null,
  day          date not null,
  busy         bytea not null,
  primary key (tenant_id, resource_id, day)
);

create function refresh_appointment_busy(t uuid, res uuid, first_day date, last_day date) returns void language plpgsql as $$
begin
  delete from appointment_busy_day where tenant_id = t and resource_id = res and day between first_day and last_day;
  insert into appointment_busy_day (tenant_id, resource_id, day, busy)
  select t, res, d.day, string_agg(
           int4send((extract(epoch from lower(a.block)) - extract(epoch from d.day::timestamp at time zone 'UTC'))::int4)
           || int4send((extract(epoch from upper(a.block)) - extract(epoch from d.day::timestamp at time zone 'UTC'))::int4)
           || int4send(a.place)
           || int4send(case when a.status = 'IN' and a.expires_at is not null
                            then (extract(epoch from a.expires_at) - extract(epoch from d.day::timestamp at time zone 'UTC'))::int4
                            else -2147483648 end), ''::bytea order by lower(a.block), a.id)
  from (select g::date as day from generate_series(first_day, last_day, interval '1 day') g) d
  join appointment a on a.tenant_id = t and a.resource_id = res
   and a.block && tstzrange(d.day::timestamp at time zone 'UTC', (d.day + 1)::timestamp at time zone 'UTC', '[)')
  where a.status in ('IN', 'RS', 'BK')
  group by d.day;
end $$;

create function refresh_appointment_busy_row() returns trigger language plpgsql as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    perform refresh_appointment_busy(new.tenant_id, new.resource_id, (lower(new.block) at time zone 'UTC')::date,
      (greatest(upper(new.block) - interval '1 microsecond', lower(new.block)) at time zone 'UTC')::date);
  end if;
  if tg_op in ('DELETE', 'UPDATE') then
    perform refresh_appointment_busy(old.tenant_id, old.resource_id, (lower(old.block) at time zone 'UTC')::date,
      (greatest(upper(old.block) - interval '1 microsecond', lower(old.block)) at time zone 'UTC')::date);
  end if;
  return null;
end $$;

create trigger appointment_busy after insert or delete on appointment for each row execute function refresh_appointment_busy_row();
create trigger appointment_busy_change after update of resource_id, status, block, place, expires_at
  on appointment for each row execute function refresh_appointment_busy_row();

select refresh_appointment_busy(tenant_id, resource_id, min((lower(block) at time zone 'UTC')::date), max((upper(block) at time zone 'UTC')::date))
from appointment group by tenant_id, resource_id;
