-- Nudge claims with an owner and a lease (issue 16): several bot processes may share one
-- PostgreSQL; the leader claims due rows for itself, for a while. Plain ADD COLUMNs: the same
-- file runs on SQLite and PostgreSQL.
-- claimed_by: host:pid:token of the process that claimed the row (kept once sent: who sent it).
-- lease_until: UTC ISO-8601; a row still 'sending' past it may be claimed again (its owner is
-- presumed gone). NULL once the row is recorded.
ALTER TABLE reminders ADD COLUMN claimed_by TEXT;
ALTER TABLE reminders ADD COLUMN lease_until TEXT;
