-- Keys limited to schedules (issue 21): an app password for one calendar, or a few. Null: every
-- schedule of the tenant, as every key made before this had. A key limited to schedules works on the
-- CalDAV server only, and there reaches only these schedules' calendars.
alter table api_key add column schedule_ids uuid[];
