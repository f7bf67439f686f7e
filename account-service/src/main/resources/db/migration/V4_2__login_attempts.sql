-- Issue 13: lockouts that cannot stick and cannot be aimed.

-- Password and PIN checks reserved before their hash and not settled yet. One older than the attempt timeout
-- (the hash queue timeout plus one hash) is void: a client gone, a 503, a database error or a killed pod leave
-- a row that stops counting by itself. Settling deletes it.
create table credential_attempt (
    id              uuid        primary key,
    account_id      uuid        not null references holder_account (id) on delete cascade,
    kind            varchar(10) not null check (kind in ('PASSWORD', 'PIN')),
    client_address  varchar(64),
    reserved_at     timestamptz not null
);
create index credential_attempt_account on credential_attempt (account_id, kind, reserved_at);

-- Login failures per account and client address: the lockout schedule applies to each pair, so failures from
-- elsewhere never lock the holder out of their own address. A success from an address trusts it for a while.
create table login_failure (
    account_id       uuid        not null references holder_account (id) on delete cascade,
    client_address   varchar(64) not null,
    failures         integer     not null default 0,
    lockout_level    integer     not null default 0,
    locked_until     timestamptz,
    last_failed_at   timestamptz,
    last_success_at  timestamptz,
    updated_at       timestamptz not null,
    primary key (account_id, client_address)
);
create index login_failure_updated on login_failure (updated_at);

-- The account-wide slow-down of logins from addresses without a recent success: per account, or per typed
-- identifier when there is no account, so that it tells nobody who has one.
create table login_slowdown (
    subject          varchar(80) primary key,
    attempts         integer     not null,
    next_attempt_at  timestamptz,
    last_attempt_at  timestamptz not null
);
create index login_slowdown_last on login_slowdown (last_attempt_at);

-- A password reset (face) forgets every failure before it, of every address.
alter table holder_account add column lockouts_cleared_at timestamptz;
alter table holder_account drop column failed_logins;
alter table holder_account drop column lockout_level;
alter table holder_account drop column locked_until;
alter table holder_account drop column last_failed_login_at;

-- A PIN lock has an end now (growing, capped); a face-verified reset still ends it at once.
alter table service_pin add column locked_until timestamptz;
alter table service_pin add column lockout_level integer not null default 0;
update service_pin set locked_until = locked_at + interval '1 hour', lockout_level = 1 where locked_at is not null;
alter table service_pin drop column locked_at;
