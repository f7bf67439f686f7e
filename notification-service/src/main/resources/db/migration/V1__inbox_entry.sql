-- A holder's inbox: one entry per reminder or notice. Text is rendered when read, in the reader's
-- language, from the kind and the parameters stored here.
create table inbox_entry (
    id             uuid         primary key,
    permit_number  varchar(20)  not null,
    kind           varchar(40)  not null,
    event_id       varchar(100) not null,
    params         text         not null,
    created_at     timestamptz  not null,
    read_at        timestamptz
);

create index inbox_entry_permit_created on inbox_entry (permit_number, created_at desc);
