-- The leader's validity (issue 16; bot/storage/leader.py): one row per advisory lock key,
-- written by the lock's holder on its lock connection at each ping, deleted when it stops
-- cleanly. A process that gets the lock waits until the server's clock passes valid_until
-- (none: at once). Only PostgreSQL writes it; the same file runs on SQLite, where the table
-- stays empty (one process per file), so that both backends have the same tables.
-- owner: host:pid:token of the process that pinged last.
-- valid_until: milliseconds since 1970 (UTC) on the database server's clock.
CREATE TABLE leader_lease (
    lock_key INTEGER NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    valid_until INTEGER NOT NULL
);
