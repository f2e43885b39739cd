"""A heartbeat for container health checks: the running bot touches a file every half
minute; `afterview health` says whether it did so recently, and whether the process is the
leader or a standby (PostgreSQL with several processes: bot/storage/leader.py).

A heartbeat from the bot's own job queue shows that its event loop is alive and not stuck,
in polling and webhook mode alike, without opening a port or calling Telegram. A standby has
no job queue running: its leader election writes the heartbeat each time it tries the lock.
The file holds the role ("leader" or "standby"); an empty one is a leader of an older version.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from bot.settings import Settings
from bot.tg.application import AfterviewApplication
from bot.tg.context import Ctx

BEAT_SECONDS = 30
STALE_SECONDS = 120  # four missed beats: the loop is stuck or the process is gone
ROLES = ("leader", "standby")


def heartbeat_path(settings: Settings) -> Path:
    path = settings.database_path
    return path.with_name(path.name + ".alive")


def beat(settings: Settings, role: str) -> None:
    """Write the heartbeat now, saying `role`; a new file is readable by its owner only.

    Replaced, never half-written: `afterview health` may read it at any moment."""
    path = heartbeat_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f"{path.name}.{os.getpid()}")
    fd = os.open(fresh, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(role)
    os.replace(fresh, path)


def schedule(app: AfterviewApplication, settings: Settings) -> None:
    async def job(ctx: Ctx) -> None:
        beat(settings, app.runtime.leader.role)

    queue = app.job_queue
    assert queue is not None  # installed with the job-queue extra
    # Jobs are timed from now, before the JobQueue starts: a first beat with no misfire limit
    # runs as soon as it does, then one every BEAT_SECONDS.
    queue.run_once(job, 0, name="heartbeat", job_kwargs={"misfire_grace_time": None})
    queue.run_repeating(job, interval=BEAT_SECONDS, first=BEAT_SECONDS, name="heartbeat")


def check(
    settings: Settings, now: float | None = None, *, leader_only: bool = False
) -> tuple[bool, str]:
    """(healthy, one line saying why). `leader_only`: a standby counts as unhealthy (for a
    load balancer that must send Telegram's posts to the leader)."""
    path = heartbeat_path(settings)
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
        role = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return False, f"unhealthy: no heartbeat at {path} (is the bot running?)"
    if age > STALE_SECONDS:
        return False, f"unhealthy: last heartbeat {age:.0f} s ago"
    said = f", {role}" if role in ROLES else ""
    if leader_only and role == "standby":
        return False, f"standby: last heartbeat {age:.0f} s ago"
    return True, f"healthy{said}: last heartbeat {age:.0f} s ago"
