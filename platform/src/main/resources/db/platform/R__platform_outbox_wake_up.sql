-- Wakes the outbox relay as soon as an event is committed. NOTIFY is delivered when the writing transaction commits
-- (never before, never after a rollback), so a relay that LISTENs on esscard_outbox publishes the new rows at once
-- instead of at its next poll. One notification per statement: a batch insert of 500 rows sends one, and PostgreSQL
-- folds equal notifications of a transaction into one. The relay still polls, as a safety net (OutboxWakeUp).
-- Repeatable, so databases that already have the outbox get it too.
create or replace function esscard_outbox_wake_up() returns trigger language plpgsql as $$
begin
    perform pg_notify('esscard_outbox', '');
    return null;
end
$$;

drop trigger if exists outbox_message_wake_up on outbox_message;
create trigger outbox_message_wake_up after insert on outbox_message
    for each statement execute function esscard_outbox_wake_up();
