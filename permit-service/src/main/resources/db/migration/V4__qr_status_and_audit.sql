-- Offline revocation (issue 16): each permit owns one index in the published Token Status List
-- (draft-ietf-oauth-status-list), given once from a sequence and never reused, so a bit once set for a cancelled
-- permit can never come to mean another permit. Every QR of the permit carries this index; the bit is not stored
-- separately but read from the permit's own status (1 = not ACTIVE), so a cancellation or an expiry sets it in
-- the very transaction that changes the status.
create sequence permit_status_index_seq as bigint minvalue 0 start 0;

alter table work_permit add column status_index bigint;
update work_permit set status_index = nextval('permit_status_index_seq');
alter table work_permit alter column status_index set default nextval('permit_status_index_seq');
alter table work_permit alter column status_index set not null;
alter sequence permit_status_index_seq owned by work_permit.status_index;

create unique index work_permit_status_index on work_permit (status_index);
-- what a status list is built from: the few permits that are not active, by index
create index work_permit_revoked_status_index on work_permit (status_index) where status <> 'ACTIVE';

-- Every online QR verification, per officer (issue 16): who checked which permit's code, when, with what verdict.
-- The code itself is not kept, only its random id (jti), so the audit holds nothing a holder could be tracked by
-- beyond the permit the officer saw.
create table qr_verification (
    id             bigint       generated always as identity primary key,
    officer        varchar(100) not null,
    verified_at    timestamptz  not null,
    verdict        varchar(20)  not null,
    kid            varchar(64),
    permit_number  varchar(20),
    qr_id          varchar(32)
);

create index qr_verification_officer on qr_verification (officer, id desc);
