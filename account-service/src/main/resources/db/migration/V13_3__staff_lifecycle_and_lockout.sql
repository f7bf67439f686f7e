-- Staff accounts absent from the configuration are disabled at start, not deleted (their tokens are revoked and
-- listing them again re-enables them); and each staff account has a lockout of its own against password guessing
-- from many addresses (issue 13). A check is reserved before its hash and settled after it; a reservation never
-- settled (client gone, pod killed) stops counting at reserved_until.
alter table staff_account
    add column disabled_at     timestamptz,
    add column failures        integer     not null default 0,
    add column reserved        integer     not null default 0,
    add column reserved_until  timestamptz,
    add column lockouts        integer     not null default 0,
    add column locked_until    timestamptz,
    add column last_failure_at timestamptz;
