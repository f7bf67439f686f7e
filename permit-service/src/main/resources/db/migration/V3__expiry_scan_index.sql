-- The expiry scan's own index (issue 14): only ACTIVE permits, in the order the scan walks them, so each batch is
-- a range read that starts where the previous one stopped (keyset by valid_until, permit_number) instead of a
-- walk of the primary key filtered row by row from the start, which made a scan of 10,000,000 permits quadratic.
-- A permit the scan expires leaves this index, so a rerun on the same day reads nothing from it. It replaces the
-- (status, valid_until) index, which nothing else reads.
create index work_permit_active_valid_until on work_permit (valid_until, permit_number) where status = 'ACTIVE';
drop index work_permit_status_valid_until;
