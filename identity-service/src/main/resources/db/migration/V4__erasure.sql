-- Issue 18: the audit stays append-only but for one change, an erasure's: the permit number becomes its pseudonym
-- (platform Pseudonyms: '~' and 19 hexadecimal digits) and the masked identifiers and vendor detail go; the attempt's
-- session, method, outcome and time stay, naming no one.
create or replace function verification_audit_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.permit_number like '~%' and new.masked_ids is null and new.detail is null
            and new.id = old.id and new.session_id = old.session_id and new.method = old.method
            and new.outcome = old.outcome and new.occurred_at = old.occurred_at then
        return new;
    end if;
    raise exception 'verification_audit is append-only: % refused', tg_op using errcode = '42501';
end;
$$;
