-- Who each work permit belongs to, as permit-events tell it (event-carried state): the name a session
-- must match exactly (R3) and the passport number a bank-card check must match (R7). A snapshot older
-- than the stored version is ignored.
create table permit_subject (
    permit_number    varchar(20)  primary key,
    holder_name      varchar(200) not null,
    passport_number  varchar(40)  not null,
    status           varchar(20)  not null,
    valid_until      date         not null,
    version          bigint       not null,
    updated_at       timestamptz  not null
);

-- One verification of one person for one purpose, opened by another service (or the holder).
-- status is OPEN or VERIFIED; EXPIRED and FAILED are read from expires_at and the methods left.
create table verification_session (
    id                uuid         primary key,
    purpose           varchar(20)  not null,
    permit_number     varchar(20)  not null,
    subject_name      varchar(200) not null,
    account_id        varchar(64),
    opened_by         varchar(100) not null,
    status            varchar(20)  not null,
    verified_method   varchar(20),
    bank_card_checks  int          not null default 0,
    mobile_checks     int          not null default 0,
    bank_card_failed  boolean      not null default false,
    mobile_failed     boolean      not null default false,
    created_at        timestamptz  not null,
    expires_at        timestamptz  not null,
    verified_at       timestamptz
);

create index verification_session_permit on verification_session (permit_number, created_at desc);

-- Consecutive face failures per person (R6): not per session, so a new session does not reset them,
-- and in the database, so a restart does not either. Updated only under the row's lock.
create table face_attempt_counter (
    permit_number         varchar(20) primary key,
    consecutive_failures  int         not null default 0 check (consecutive_failures >= 0),
    last_failure_at       timestamptz,
    closed_at             timestamptz,
    updated_at            timestamptz not null
);

-- The SMS code a session waits for, one at a time: the code only as a keyed hash, the card only as its
-- last four digits. The mobile number is kept to send a new code.
create table sms_challenge (
    session_id      uuid        primary key references verification_session (id),
    method          varchar(20) not null,
    mobile          varchar(20) not null,
    card_last_four  varchar(4),
    code_hash       varchar(64) not null,
    wrong_attempts  int         not null default 0,
    sent_at         timestamptz not null,
    expires_at      timestamptz not null
);

-- Every code sent, for the send limits per number and per session; the number only as a keyed hash.
create table sms_send (
    id          bigint      generated always as identity primary key,
    number_key  varchar(64) not null,
    session_id  uuid        not null,
    sent_at     timestamptz not null
);

create index sms_send_number on sms_send (number_key, sent_at);
create index sms_send_session on sms_send (session_id, sent_at);
