-- Staff of the permit authority, exit-entry administration and support: created from configuration
-- at start (a Kubernetes Secret in production), logging in to the same token endpoint as holders.
create table staff_account (
    username       varchar(64)  primary key,
    group_name     varchar(40)  not null check (group_name in ('permit-authority', 'exit-entry-officer', 'support')),
    password_hash  varchar(200) not null,
    created_at     timestamptz  not null default now(),
    updated_at     timestamptz  not null default now()
);
