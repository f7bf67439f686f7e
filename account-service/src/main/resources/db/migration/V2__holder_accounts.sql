-- Work permits as permit-service announces them on permit-events: the local projection that registration
-- (R3 name, R4 validity) and binding (R13) check against. Never written by anything but the consumer.
create table permit_record (
    permit_number  varchar(40)  primary key,
    holder_name    varchar(200) not null,
    status         varchar(20)  not null check (status in ('ACTIVE', 'EXPIRED', 'CANCELLED')),
    valid_until    date         not null,
    version        bigint       not null,
    updated_at     timestamptz  not null
);

-- A foreigner's eSSCard account. Logs in with the work permit number (R11) or, holding a physical card,
-- the social security number (R12). At least one of the two is always known.
create table holder_account (
    id                        uuid         primary key,
    holder_name               varchar(200) not null,
    permit_number             varchar(40)  unique,
    social_security_number    varchar(20)  unique,
    password_hash             varchar(200) not null,
    password_changed_at       timestamptz  not null,
    status                    varchar(20)  not null check (status in ('PENDING_IDENTITY', 'ACTIVE')),
    origin                    varchar(20)  not null check (origin in ('REGISTERED', 'IMPORTED')),
    card_number               varchar(20)  unique,
    activated_at              timestamptz,
    -- the newest identity-service session of each purpose; an older one that succeeds late changes nothing
    registration_session_id   varchar(100),
    registration_verified_at  timestamptz,
    real_name_session_id      varchar(100),
    real_name_verified_at     timestamptz,
    reset_session_id          varchar(100) unique,
    reset_verified_at         timestamptz,
    pin_reset_session_id      varchar(100),
    -- login brute force: the current streak, how many lockouts recent streaks caused, until when
    failed_logins             integer      not null default 0,
    lockout_level             integer      not null default 0,
    locked_until              timestamptz,
    last_failed_login_at      timestamptz,
    created_at                timestamptz  not null,
    updated_at                timestamptz  not null,
    check (permit_number is not null or social_security_number is not null),
    check (status <> 'ACTIVE' or card_number is not null)
);

-- the relay of registration steps and the identity events find accounts by session
create index holder_account_registration_session on holder_account (registration_session_id);
create index holder_account_real_name_session on holder_account (real_name_session_id);

-- The 6-digit PIN of permit services (R15): Argon2id with a pepper kept outside the database.
create table service_pin (
    account_id  uuid         primary key references holder_account (id) on delete cascade,
    pin_hash    varchar(200) not null,
    failures    integer      not null default 0,
    locked_at   timestamptz,
    set_at      timestamptz  not null,
    updated_at  timestamptz  not null
);

-- Refresh tokens, by SHA-256 only; a family is one login and its rotations.
create table refresh_token (
    id                 uuid        primary key,
    family_id          uuid        not null,
    account_id         uuid        not null references holder_account (id) on delete cascade,
    token_hash         char(64)    not null unique,
    issued_at          timestamptz not null,
    expires_at         timestamptz not null,
    family_started_at  timestamptz not null,
    rotated_at         timestamptz,
    revoked_at         timestamptz,
    revoked_reason     varchar(40)
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_account on refresh_token (account_id) where revoked_at is null;
create index refresh_token_expiry on refresh_token (expires_at);

-- Failed attempts per client address in a fixed window (login, and the name checks that could be used to
-- guess who holds a permit). Shared by every replica.
create table address_throttle (
    client_address     varchar(64) primary key,
    window_started_at  timestamptz not null,
    failures           integer     not null
);
