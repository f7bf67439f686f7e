-- Issue 13: no one can take over, squat or outlast a holder.

-- The passport number of each permit, so that support's import can be matched against the permit record.
alter table permit_record add column passport_number varchar(40);

-- A binding (R13) waits for a verification of the permit's own subject in a PERMIT_BINDING session; only its
-- IdentityVerified binds the permit. The last one is kept, verified or not, so the app can collect its token.
alter table holder_account add column binding_session_id varchar(100) unique;
alter table holder_account add column binding_permit_number varchar(40);
alter table holder_account add column binding_verified_at timestamptz;

-- Support's import names the permit record it was matched with (by permit or passport number): the passport
-- number of that person. A binding of the imported account must be a permit of the same passport.
alter table holder_account add column linked_passport_number varchar(40);

-- A pending registration expires; until then only the one holding its token may read it (SHA-256 only).
alter table holder_account add column pending_until timestamptz;
alter table holder_account add column registration_token_hash char(64);
update holder_account set pending_until = updated_at + interval '24 hours' where status = 'PENDING_IDENTITY';
create index holder_account_pending_until on holder_account (pending_until) where status = 'PENDING_IDENTITY';

-- A social security number is reserved only by an account that may log in with it (ACTIVE): a pending
-- registration reserves nothing, and two accounts can never both use one for R12.
alter table holder_account drop constraint holder_account_social_security_number_key;
create unique index holder_account_active_ssn on holder_account (social_security_number) where status = 'ACTIVE';
create index holder_account_ssn on holder_account (social_security_number);

-- Reset sessions (password R14, PIN R15) opened per account and client address in the current hour, and the
-- account-wide pace: when the next session may open for an address the account has not logged in from.
create table reset_throttle (
    account_id         uuid        not null references holder_account (id) on delete cascade,
    kind               varchar(20) not null,
    client_address     varchar(64) not null,
    window_started_at  timestamptz not null,
    sessions           integer     not null,
    primary key (account_id, kind, client_address)
);
alter table holder_account add column reset_sessions_recent integer not null default 0;
alter table holder_account add column last_reset_session_at timestamptz;
