"""The leader's validity as the database server records it (table `leader_lease`, migration
013): the statements bot/storage/leader.py runs on its lock connection, which explains why a
successor that waits until the server's clock passes `valid_until` never overlaps the leader.

Times are the server's clock in milliseconds since 1970 (UTC): rounded up when a validity is
recorded, down when reading how long is left of one, both erring towards waiting longer.
`clock_timestamp()` rather than `now()`: the moment the statement runs, after the client sent
it (a later record) and before the client has the answer (a longer wait)."""

from __future__ import annotations

# Parameters: the lock key, the owner (host:pid:token), the validity in milliseconds.
RECORD = (
    "INSERT INTO leader_lease (lock_key, owner, valid_until)"
    " VALUES ($1, $2, ceil(extract(epoch FROM clock_timestamp()) * 1000)::bigint + $3)"
    " ON CONFLICT (lock_key) DO UPDATE"
    " SET owner = excluded.owner, valid_until = excluded.valid_until"
)
# Parameter: the lock key. Milliseconds until the recorded validity passes (negative: passed;
# no row: none recorded).
LEFT = (
    "SELECT valid_until - floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint"
    " FROM leader_lease WHERE lock_key = $1"
)
# Parameters: the lock key, the owner. A clean stop: the next leader need not wait.
CLEAR = "DELETE FROM leader_lease WHERE lock_key = $1 AND owner = $2"
