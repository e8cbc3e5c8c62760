-- iMIP replies (issue 20): what a participant answered to an invitation (ACCEPTED, DECLINED,
-- TENTATIVE) and when; and the hash of the per-tenant token the inbound mail endpoint checks.
alter table participation add column reply_status text;
alter table participation add column reply_date timestamptz;
alter table notification_settings add column inbound_token_hash text;
alter table notification_settings alter column revision set default 0;

-- A tenant's own wording of a kind of message (Mustache templates); absent: the default.
create table notification_template (
  tenant_id   uuid not null references tenant (id),
  kind        text not null,
  subject     text not null,
  body_text   text not null,
  body_html   text not null,
  updated_at  timestamptz not null,
  primary key (tenant_id, kind)
);

-- OnSched services: whether booking, rescheduling and cancelling an appointment emails its customer.
alter table service add column notify_customers boolean not null default false;
