-- Every verification attempt (face, bank card, mobile, SMS code), appended and never changed:
-- identifiers are stored masked, a full card number never.
create table verification_audit (
    id             bigint       generated always as identity primary key,
    session_id     varchar(64)  not null,
    permit_number  varchar(20),
    method         varchar(20)  not null,
    outcome        varchar(30)  not null,
    detail         varchar(500),
    masked_ids     varchar(200),
    occurred_at    timestamptz  not null default now()
);

create index verification_audit_permit on verification_audit (permit_number, occurred_at desc);

-- The trail is append-only for everyone, the application included.
create function verification_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'verification_audit is append-only: % refused', tg_op using errcode = '42501';
end;
$$;

create trigger verification_audit_no_update_delete
    before update or delete on verification_audit
    for each row execute function verification_audit_append_only();

create trigger verification_audit_no_truncate
    before truncate on verification_audit
    for each statement execute function verification_audit_append_only();
