-- Participant notifications (issue 20): one row per message, written in the change's transaction
-- (the mail outbox) and sent after commit by any node. The row's id makes the Message-ID, so a
-- retry after a crash is recognisably the same message.
create table notification (
  tenant_id         uuid not null references tenant (id),
  id                uuid not null,
  -- every message of one change (one API call) shares it
  change_id         uuid not null,
  event_id          text,
  participation_id  uuid,
  sender_name       text not null,
  from_address      text not null,
  reply_to          text,
  recipient         text not null,
  recipient_name    text,
  kind              text not null,
  method            text not null,
  ical_uid          text not null,
  ical_sequence     integer not null,
  message_id        text not null,
  subject           text not null,
  body_text         text not null,
  body_html         text not null,
  ical              text not null,
  status            text not null,
  status_reason     text,
  attempts          integer not null default 0,
  next_attempt_at   timestamptz,
  leased_by         text,
  lease_until       timestamptz,
  last_error        text,
  created_at        timestamptz not null,
  sent_at           timestamptz,
  primary key (tenant_id, id),
  constraint notification_message_id unique (tenant_id, message_id)
);
create index notification_due on notification (next_attempt_at) where status = 'QUEUED';
create index notification_log on notification (tenant_id, created_at desc, id desc);
create index notification_event on notification (tenant_id, event_id, created_at desc);

-- Who the tenant's messages come from; absent: the service's default sender (HORAE_MAIL_FROM).
create table notification_settings (
  tenant_id    uuid primary key references tenant (id),
  sender_name  text,
  from_address text,
  reply_to     text,
  revision     bigint not null,
  updated_at   timestamptz not null
);
