-- Issue 18: erasure of holders. An erased permit's row stays (its status keeps old QR codes revoked in the status
-- list) under the pseudonym of its number, with every personal field emptied.
alter table work_permit add column erased_at timestamptz;

-- the retention scan: permits no longer in force and not erased yet
create index work_permit_retention on work_permit (status, valid_until) where status <> 'ACTIVE' and erased_at is null;

-- what support sees of each erasure, gathered from the erasure ledger (ErasureRecorded, ErasureCarriedOut): names no one
create table erasure (
    pseudonym  varchar(20)  primary key,
    reason     varchar(10)  not null check (reason in ('RETENTION', 'REQUEST')),
    erased_at  timestamptz  not null
);

create table erasure_report (
    pseudonym    varchar(20)  not null,
    service      varchar(60)  not null,
    rows_erased  text         not null,
    replay       boolean      not null,
    reported_at  timestamptz  not null,
    primary key (pseudonym, service)
);
