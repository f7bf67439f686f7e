-- Issue 18: the hourly purge of ended sessions reads them by start time.
create index holder_session_started on holder_session (started_at);
