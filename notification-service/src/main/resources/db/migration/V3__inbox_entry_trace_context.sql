-- The W3C trace context of the consumer's span that made the entry (issue 15): the delivery worker sends the entry's
-- push and SMS in spans of that trace, so a cancellation can be followed from the authority's request to the SMS.
alter table inbox_entry add column traceparent varchar(55);
