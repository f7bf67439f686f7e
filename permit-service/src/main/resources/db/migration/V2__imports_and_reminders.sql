-- Bulk imports of the permit authority's backlog: one job per upload, its progress, and every
-- rejected line with its number and reason.
create table import_job (
    id           uuid         primary key,
    format       varchar(10)  not null check (format in ('NDJSON', 'CSV')),
    status       varchar(10)  not null check (status in ('RUNNING', 'COMPLETED', 'FAILED')),
    total        bigint       not null default 0,
    processed    bigint       not null default 0,
    succeeded    bigint       not null default 0,
    failed       bigint       not null default 0,
    message      varchar(500),
    created_by   varchar(100) not null,
    created_at   timestamptz  not null,
    finished_at  timestamptz
);

create table import_error (
    job_id       uuid         not null references import_job (id) on delete cascade,
    line_number  bigint       not null,
    reason       varchar(500) not null,
    primary key (job_id, line_number)
);

-- Reminders already emitted: one row per (permit, validity period, kind, threshold). The primary key
-- is what makes the expiry scan emit each reminder once, however many instances scan at the same time;
-- an extension opens a new validity period, so its reminders are new rows.
create table expiry_reminder (
    permit_number   varchar(20) not null,
    valid_until     date        not null,
    kind            varchar(10) not null check (kind in ('EXPIRING', 'EXPIRED')),
    threshold_days  int         not null,
    emitted_at      timestamptz not null,
    primary key (permit_number, valid_until, kind, threshold_days)
);
