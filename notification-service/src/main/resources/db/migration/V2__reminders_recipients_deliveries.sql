-- Security notices reach accounts (PasswordChanged is about an account, which may have no permit):
-- an entry belongs to a permit, an account, or both.
alter table inbox_entry add column account_id varchar(64);
alter table inbox_entry alter column permit_number drop not null;
alter table inbox_entry add constraint inbox_entry_has_owner check (permit_number is not null or account_id is not null);
create index inbox_entry_account_created on inbox_entry (account_id, created_at desc);

-- The latest permit state this service has seen (event-carried state): lets a reminder that arrives
-- late (a PermitExpiring after the permit expired or was cancelled) be recognised and dropped.
create table permit_state (
    permit_number  varchar(20) primary key,
    status         varchar(10) not null,
    valid_until    date        not null,
    version        bigint      not null,
    updated_at     timestamptz not null
);

-- Who holds which account, from AccountRegistered: the push address, and the mobile for SMS if known.
create table recipient (
    account_id     varchar(64)  primary key,
    permit_number  varchar(20),
    mobile         varchar(20),
    registered_at  timestamptz  not null
);
create index recipient_permit on recipient (permit_number);

-- Delivery of each entry through each channel, retried with backoff by the delivery worker; one
-- failing channel never holds up another (they are separate rows).
create table delivery (
    id               bigint       generated always as identity primary key,
    entry_id         uuid         not null references inbox_entry (id),
    channel          varchar(10)  not null check (channel in ('PUSH', 'SMS')),
    address          varchar(100),
    status           varchar(10)  not null check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null,
    last_error       varchar(500),
    updated_at       timestamptz  not null
);
create index delivery_due on delivery (next_attempt_at) where status = 'PENDING';
create index delivery_entry on delivery (entry_id);
