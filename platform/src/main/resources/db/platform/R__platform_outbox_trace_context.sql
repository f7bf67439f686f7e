-- The W3C trace context (traceparent) of the work that wrote an outbox row, so the relay's publish span joins its
-- trace and sends it on as the record's traceparent header (issue 15). Null where nothing traced the work.
-- Repeatable and idempotent rather than versioned: the platform's migrations share each service's Flyway history,
-- where a new platform version below the service's own latest one would be refused as out of order.
alter table outbox_message add column if not exists traceparent varchar(55);
