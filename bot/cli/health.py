"""A heartbeat for container health checks: the running bot touches a file every half
minute; `afterview health` says whether it did so recently.

A heartbeat from the bot's own job queue shows that its event loop is alive and not stuck,
in polling and webhook mode alike, without opening a port or calling Telegram.
"""

from __future__ import annotations

import time
from pathlib import Path

from bot.settings import Settings
from bot.tg.application import AfterviewApplication
from bot.tg.context import Ctx

BEAT_SECONDS = 30
STALE_SECONDS = 120  # four missed beats: the loop is stuck or the process is gone


def heartbeat_path(settings: Settings) -> Path:
    path = settings.database_path
    return path.with_name(path.name + ".alive")


def schedule(app: AfterviewApplication, settings: Settings) -> None:
    path = heartbeat_path(settings)

    async def beat(ctx: Ctx) -> None:
        path.touch(mode=0o600)

    queue = app.job_queue
    assert queue is not None  # installed with the job-queue extra
    # Jobs are timed from now, before the JobQueue starts: a first beat with no misfire limit
    # runs as soon as it does, then one every BEAT_SECONDS.
    queue.run_once(beat, 0, name="heartbeat", job_kwargs={"misfire_grace_time": None})
    queue.run_repeating(beat, interval=BEAT_SECONDS, first=BEAT_SECONDS, name="heartbeat")


def check(settings: Settings, now: float | None = None) -> tuple[bool, str]:
    """(healthy, one line saying why)."""
    path = heartbeat_path(settings)
    try:
        age = (time.time() if now is None else now) - path.stat().st_mtime
    except FileNotFoundError:
        return False, f"unhealthy: no heartbeat at {path} (is the bot running?)"
    if age > STALE_SECONDS:
        return False, f"unhealthy: last heartbeat {age:.0f} s ago"
    return True, f"healthy: last heartbeat {age:.0f} s ago"
