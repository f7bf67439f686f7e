-- Shipped by the platform module and applied by every service's Flyway (location db/platform),
-- so the outbox and inbox are one definition, in each service's own database.

-- Events waiting to be published. A row is written in the same transaction as the state change
-- it describes, and deleted by the relay once Kafka has acknowledged it.
create table outbox_message (
    id            bigint generated always as identity primary key,
    event_id      uuid         not null unique,
    topic         varchar(200) not null,
    message_key   varchar(200) not null,
    event_type    varchar(200) not null,
    payload       text         not null,
    created_at    timestamptz  not null default now()
);

-- Events a consumer has already applied: the row is inserted in the same transaction as the
-- consumer's effect, so a redelivered event is recognised and skipped.
create table inbox_processed (
    consumer      varchar(100) not null,
    event_id      varchar(100) not null,
    processed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
