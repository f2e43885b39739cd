"""What the bot asks of its leader election, without a database driver: the `Leadership`
interface, `AlwaysLeader` (SQLite: one process per file), and the owner name a process claims
nudges under. The PostgreSQL election is bot/storage/leader.py (it imports asyncpg, which a bot
on SQLite never loads)."""

from __future__ import annotations

import os
import secrets
import socket
from typing import Protocol


def owner_name() -> str:
    """This process, for the nudges it claims: host, process id and a random token (a restarted
    process, or another container with the same pid, is another owner)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class Leadership(Protocol):
    """What the bot asks of its leader election (a `Leader` or `AlwaysLeader`)."""

    owner: str

    @property
    def leading(self) -> bool:
        """True while this process may act as the leader (poll, dispatch, re-send)."""
        ...

    @property
    def role(self) -> str:
        """The role, for health checks: "leader" or "standby"."""
        ...

    @property
    def lost(self) -> bool:
        """True once a lock this process held was lost (it should go back to standby)."""
        ...

    async def acquire(self) -> None:
        """Wait until this process is the leader."""
        ...

    async def release(self) -> None:
        """Stop leading (or waiting) and close the lock connection."""
        ...


class AlwaysLeader:
    """SQLite: one process per database file, always the leader."""

    def __init__(self) -> None:
        self.owner = owner_name()

    @property
    def leading(self) -> bool:
        return True

    @property
    def role(self) -> str:
        return "leader"

    @property
    def lost(self) -> bool:
        return False

    async def acquire(self) -> None:
        return None

    async def release(self) -> None:
        return None
