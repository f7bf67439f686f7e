-- The China mobile number a holder proved by SMS code during verification (bank card or mobile), so that
-- AccountRegistered can carry it and reminders can go by SMS as well (R19). Null for face-only holders.
alter table holder_account add column mobile varchar(20);
