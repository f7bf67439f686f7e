-- Test-only: the visible effect of the inbox test consumer. No unique constraint on purpose:
-- only the inbox stands between a redelivered event and a second row.
create table test_effect (
    id        bigint generated always as identity primary key,
    event_id  varchar(100) not null,
    subject   varchar(200) not null
);
