-- Issue 18: the holder's sessions as they see them, and their logins of the last 30 days.

-- One row per login (session): the device it came from and where. The session is live while a refresh token of its
-- family is (refresh_token.family_id = id, neither revoked nor expired); its last use is that family's newest token.
create table holder_session (
    id              uuid         primary key,
    account_id      uuid         not null references holder_account (id) on delete cascade,
    -- the install id the app sends at login; null when it sends none
    device_id       varchar(64),
    -- from the User-Agent, what the holder recognises ("eSSCard/2.4.0 (Android 14; Pixel 8)")
    device_label    varchar(100) not null,
    -- masked: the network, not the host (203.0.113.*)
    client_address  varchar(64),
    started_at      timestamptz  not null
);
create index holder_session_account on holder_session (account_id, started_at desc);

-- Logins and failed attempts per account, kept 30 days, for the holder to check.
create table login_record (
    id              bigserial    primary key,
    account_id      uuid         not null references holder_account (id) on delete cascade,
    at              timestamptz  not null,
    succeeded       boolean      not null,
    device_label    varchar(100) not null,
    client_address  varchar(64)
);
create index login_record_account on login_record (account_id, at desc);
create index login_record_at on login_record (at);
