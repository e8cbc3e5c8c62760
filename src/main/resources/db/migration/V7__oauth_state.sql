-- Connect By OAuth: one row per authorization started; its id is the (signed) state, usable once,
-- until it expires. The PKCE verifier is sealed.
create table oauth_state (
  id             uuid primary key,
  tenant_id      uuid not null references tenant (id),
  schedule_id    uuid not null,
  provider_id    text not null,
  redirect_url   text not null,
  code_verifier  text not null,
  expires_at     timestamptz not null,
  used_at        timestamptz
);
