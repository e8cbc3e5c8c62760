-- The same for live appointments and holds, per resource and UTC day, kept the same way: each
-- packed as four big-endian int4 — block start and end (seconds from the day's UTC midnight),
-- capacity place, and for a hold when it expires (seconds from that midnight; -2147483648 for
-- anything but a hold): readers drop expired holds.
create table appointment_busy_day (
  tenant_id    uuid not null,
  resource_id  uuid not null,
  day          date not null,
  busy         bytea not null,
  primary key (tenant_id, resource_id, day)
);

create function busy_appointment_days(t uuid, res uuid, block tstzrange, place int, status text, expires_at timestamptz, adding boolean)
  returns void language plpgsql as $$
declare
  d date;
  entry bytea;
begin
  for d in select g::date from generate_series((lower(block) at time zone 'UTC')::date,
      (greatest(upper(block) - interval '1 microsecond', lower(block)) at time zone 'UTC')::date, interval '1 day') g loop
    entry := int4send((extract(epoch from lower(block)) - utc_midnight(d))::int4) || int4send((extract(epoch from upper(block)) - utc_midnight(d))::int4)
      || int4send(place)
      || int4send(case when status = 'IN' and expires_at is not null then (extract(epoch from expires_at) - utc_midnight(d))::int4 else -2147483648 end);
    if adding then
      insert into appointment_busy_day as b (tenant_id, resource_id, day, busy) values (t, res, d, entry)
        on conflict (tenant_id, resource_id, day) do update set busy = b.busy || excluded.busy;
    else
      update appointment_busy_day set busy = busy_remove(busy, entry) where tenant_id = t and resource_id = res and day = d;
    end if;
  end loop;
end $$;

create function busy_appointment_row() returns trigger language plpgsql as $$
begin
  if tg_op in ('DELETE', 'UPDATE') and old.status in ('IN', 'RS', 'BK') then
    perform busy_appointment_days(old.tenant_id, old.resource_id, old.block, old.place, old.status, old.expires_at, false);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status in ('IN', 'RS', 'BK') then
    perform busy_appointment_days(new.tenant_id, new.resource_id, new.block, new.place, new.status, new.expires_at, true);
  end if;
  return null;
end $$;

create trigger appointment_busy after insert or delete on appointment for each row execute function busy_appointment_row();
create trigger appointment_busy_change after update of resource_id, status, block, place, expires_at
  on appointment for each row execute function busy_appointment_row();

select busy_appointment_days(tenant_id, resource_id, block, place, status, expires_at, true)
from appointment where status in ('IN', 'RS', 'BK');
