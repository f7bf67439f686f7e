-- An attempt reserved before a vendor is asked (face per person, bank card and mobile per session), so that
-- requests sent in parallel cannot get more vendor comparisons than the attempts the person or session has left.
-- Deleted when the answer is settled; one whose request died frees itself at expires_at.
create table vendor_attempt (
    id          uuid         primary key,
    scope       varchar(100) not null,
    method      varchar(20)  not null,
    expires_at  timestamptz  not null
);
create index vendor_attempt_scope on vendor_attempt (scope, method, expires_at);
