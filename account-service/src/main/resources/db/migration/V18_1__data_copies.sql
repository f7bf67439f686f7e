-- Issue 18: a holder's copy of their data (PIPL Art. 45), kept only until its download link expires.
create table data_copy (
    id          uuid        primary key,
    account_id  uuid        not null references holder_account (id) on delete cascade,
    document    text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);
create index data_copy_expires on data_copy (expires_at);
