-- iMIP replies (issue 20): what a participant answered to an invitation (ACCEPTED, DECLINED,
-- TENTATIVE) and when; and the hash of the per-tenant token the inbound mail endpoint checks.
alter table participation add column reply_status text;
alter table participation add column reply_date timestamptz;
alter table notification_settings add column inbound_token_hash text;
alter table notification_settings alter column revision set default 0;
