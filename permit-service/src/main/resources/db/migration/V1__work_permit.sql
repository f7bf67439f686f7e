-- Work permits as the permit authority issued them. The holder name is stored exactly as in the
-- passport (R3: symbols and spaces count), never trimmed or case-folded.
create table work_permit (
    permit_number        varchar(20)  primary key,
    holder_name          varchar(200) not null,
    passport_number      varchar(20)  not null,
    nationality          varchar(3)   not null,
    employer             varchar(200),
    position             varchar(200),
    work_city            varchar(100),
    talent_category      char(1)      not null check (talent_category in ('A', 'B', 'C')),
    issue_date           date         not null,
    valid_until          date         not null,
    status               varchar(10)  not null check (status in ('ACTIVE', 'EXPIRED', 'CANCELLED')),
    cancellation_reason  varchar(500),
    cancelled_at         timestamptz,
    version              bigint       not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    check (valid_until >= issue_date)
);

create index work_permit_status_valid_until on work_permit (status, valid_until);
